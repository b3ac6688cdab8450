import { encode } from 'fast-png';
import { GRID_SIZE, PARTS } from './parts.js';
import { Ink, pickPalette, type Rgb } from './palette.js';
import { randomFromName, type Random } from './prng.js';

const INK_BY_LETTER: Readonly<Record<string, Ink>> = {
  B: Ink.body,
  D: Ink.shade,
  L: Ink.light,
  A: Ink.accent,
  W: Ink.white,
  K: Ink.black,
};

/** The monster for `name` as a 12x12 grid of palette indices, row by row. */
export function buildGrid(random: Random): Uint8Array {
  const grid = new Uint8Array(GRID_SIZE * GRID_SIZE); // all Ink.background
  for (const part of PARTS) {
    const variant = part.variants[random.below(part.variants.length)] ?? [];
    variant.forEach((line, offset) => {
      const row = part.top + offset;
      for (let col = 0; col < line.length; col++) {
        const ink = INK_BY_LETTER[line.charAt(col)];
        if (ink === undefined) continue;
        grid[row * GRID_SIZE + col] = ink;
        grid[row * GRID_SIZE + (GRID_SIZE - 1 - col)] = ink; // the mirrored half
      }
    });
  }
  return grid;
}

/** A monster before encoding: its grid of palette indices and its palette. */
export interface Drawing {
  readonly grid: Uint8Array;
  readonly palette: readonly Rgb[];
}

/** The monster for `name`, the same for every format and size. */
export function drawMonster(name: string): Drawing {
  const random = randomFromName(name);
  const palette = pickPalette(random); // drawn first: the order is part of the art
  return { palette, grid: buildGrid(random) };
}

/**
 * Renders the monster for `name` as an indexed-colour PNG of `width` x `height` pixels.
 * Each pixel takes the colour of the grid cell it falls in (nearest neighbour), so the
 * art stays crisp at any size. Deterministic: the same arguments give the same bytes.
 */
export function renderMonster(name: string, width: number, height: number = width): Buffer {
  const { grid, palette } = drawMonster(name);

  const pixels = new Uint8Array(width * height);
  const columnToCell = Uint8Array.from({ length: width }, (_, x) =>
    Math.floor((x * GRID_SIZE) / width),
  );
  let previousRow = -1;
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * GRID_SIZE) / height);
    const offset = y * width;
    if (row === previousRow) {
      // Same grid row as the line above: copy it rather than recompute it.
      pixels.copyWithin(offset, offset - width, offset);
      continue;
    }
    for (let x = 0; x < width; x++) {
      pixels[offset + x] = grid[row * GRID_SIZE + (columnToCell[x] ?? 0)] ?? Ink.background;
    }
    previousRow = row;
  }

  const png = encode({ width, height, data: pixels, depth: 8, channels: 1, palette: [...palette] });
  return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
}
