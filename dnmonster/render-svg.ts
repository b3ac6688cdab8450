import { GRID_SIZE } from './parts.js';
import { Ink, type Rgb } from './palette.js';
import { drawMonster } from './render.js';

const hex = ([r, g, b]: Rgb): string =>
  `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;

/**
 * Renders the monster for `name` as SVG: the same grid and colours as the PNG, one path per
 * colour made of horizontal runs of cells, in a 12x12 `viewBox` stretched to `width` x
 * `height`. A run is a line one cell wide through the middle of its row (`M3 4.5h6`: cells
 * 3 to 8 of row 4), the shortest way to write it. `crispEdges` keeps cell borders sharp, so at a multiple of the grid (96 px) it
 * paints exactly the PNG's pixels. No script, no reference to anything outside it: a few
 * hundred bytes. Deterministic: the same arguments give the same bytes.
 */
export function renderMonsterSvg(name: string, width: number, height: number = width): Buffer {
  const { grid, palette } = drawMonster(name);
  const paths = new Map<number, string>();
  for (let row = 0; row < GRID_SIZE; row++) {
    for (let col = 0; col < GRID_SIZE;) {
      const ink = grid[row * GRID_SIZE + col] ?? Ink.background;
      let run = 1;
      while (col + run < GRID_SIZE && grid[row * GRID_SIZE + col + run] === ink) run++;
      if (ink !== Ink.background) {
        paths.set(ink, `${paths.get(ink) ?? ''}M${col} ${row}.5h${run}`);
      }
      col += run;
    }
  }
  const background = palette[Ink.background] ?? [255, 255, 255];
  let svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${GRID_SIZE} ${GRID_SIZE}" preserveAspectRatio="none" shape-rendering="crispEdges" fill="none">` +
    `<rect width="${GRID_SIZE}" height="${GRID_SIZE}" fill="${hex(background)}"/>`;
  for (const [ink, d] of [...paths].sort(([a], [b]) => a - b)) {
    svg += `<path stroke="${hex(palette[ink] ?? background)}" d="${d}"/>`;
  }
  return Buffer.from(`${svg}</svg>\n`);
}
