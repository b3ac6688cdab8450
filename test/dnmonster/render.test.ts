import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { decode } from 'fast-png';
import { GRID_SIZE, PARTS } from '../../dnmonster/parts.js';
import { buildGrid, renderMonster } from '../../dnmonster/render.js';
import { randomFromName } from '../../dnmonster/prng.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('dnmonster renderer', () => {
  it('gives byte-identical PNGs for the same name and size', () => {
    assert.deepEqual(renderMonster('Joe Bloggs', 80), renderMonster('Joe Bloggs', 80));
  });

  it('draws at the requested size, width and height', () => {
    for (const [width, height] of [
      [1, 1],
      [20, 20],
      [80, 80],
      [97, 97],
      [512, 512],
      [120, 40],
      [1024, 1024],
    ] as const) {
      const png = decode(renderMonster('alice', width, height));
      assert.equal(png.width, width);
      assert.equal(png.height, height);
    }
  });

  it('stays crisp: at 12 px per cell every cell is one solid colour', () => {
    const png = decode(renderMonster('crisp', 120));
    for (let cy = 0; cy < GRID_SIZE; cy++) {
      for (let cx = 0; cx < GRID_SIZE; cx++) {
        const first = png.data[cy * 10 * 120 + cx * 10];
        for (let y = cy * 10; y < cy * 10 + 10; y++) {
          for (let x = cx * 10; x < cx * 10 + 10; x++) assert.equal(png.data[y * 120 + x], first);
        }
      }
    }
  });

  it('gives different names visibly different monsters', () => {
    const names = Array.from({ length: 100 }, (_, i) => `person-${i}`);
    const shapes = new Set(
      names.map((name) => Buffer.from(buildGrid(randomFromName(name))).toString('hex')),
    );
    const pictures = new Set(names.map((name) => sha256(renderMonster(name, 24))));
    assert.ok(shapes.size >= 95, `only ${shapes.size} distinct shapes among 100 names`);
    assert.equal(pictures.size, 100);
  });

  it('is symmetric, and uses at least 5 variants of each of the six parts', () => {
    assert.deepEqual(
      PARTS.map((part) => part.name),
      ['legs', 'arms', 'body', 'hair', 'eyes', 'mouth'],
    );
    for (const part of PARTS) {
      assert.ok(part.variants.length >= 5, `${part.name} has ${part.variants.length} variants`);
      for (const variant of part.variants) {
        assert.ok(part.top + variant.length <= GRID_SIZE, `${part.name} runs off the grid`);
        for (const line of variant) assert.match(line, /^[.BDLAWK]{6}$/);
      }
    }
    const grid = buildGrid(randomFromName('mirror'));
    for (let row = 0; row < GRID_SIZE; row++) {
      for (let col = 0; col < GRID_SIZE / 2; col++) {
        assert.equal(grid[row * GRID_SIZE + col], grid[row * GRID_SIZE + GRID_SIZE - 1 - col]);
      }
    }
  });
});
