import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode } from 'fast-png';
import { GRID_SIZE } from '../../dnmonster/parts.js';
import { renderMonster } from '../../dnmonster/render.js';
import { renderMonsterSvg } from '../../dnmonster/render-svg.js';

const hex = (rgb: ArrayLike<number>): string =>
  `#${Array.from(rgb, (channel) => channel.toString(16).padStart(2, '0')).join('')}`;

/** The 12x12 colours an SVG paints, read back from its rect and its runs of cells. */
function cellsOfSvg(svg: string): string[] {
  const background = /<rect width="12" height="12" fill="(#[0-9a-f]{6})"\/>/.exec(svg)?.[1];
  assert.ok(background, 'no background rect');
  const cells = new Array<string>(GRID_SIZE * GRID_SIZE).fill(background);
  for (const [, colour = '', d = ''] of svg.matchAll(
    /<path stroke="(#[0-9a-f]{6})" d="([^"]+)"\/>/g,
  )) {
    for (const [, col, row, run] of d.matchAll(/M(\d+) (\d+)\.5h(\d+)/g)) {
      for (let k = 0; k < Number(run); k++)
        cells[Number(row) * GRID_SIZE + Number(col) + k] = colour;
    }
  }
  return cells;
}

/** The 12x12 colours of the PNG at one pixel per cell. */
function cellsOfPng(png: Buffer): string[] {
  const { data, palette } = decode(png);
  assert.ok(palette);
  return Array.from(data, (index) => hex(palette[index] ?? []));
}

describe('dnmonster SVG renderer', () => {
  const names = ['Joe Bloggs', 'alice', '.', '~', 'x'.repeat(128), 'svg'];

  it('paints the same cells in the same colours as the PNG', () => {
    for (const name of names) {
      const svg = renderMonsterSvg(name, 80).toString();
      assert.deepEqual(cellsOfSvg(svg), cellsOfPng(renderMonster(name, GRID_SIZE)), name);
    }
  });

  it('is a few hundred bytes, crisp at any size, with nothing to run or fetch', () => {
    for (const name of names) {
      const svg = renderMonsterSvg(name, 80).toString();
      assert.ok(svg.length < 1024, `${name}: ${svg.length} bytes`);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="80" height="80" /);
      assert.match(svg, / viewBox="0 0 12 12" /);
      assert.match(svg, / shape-rendering="crispEdges"/);
      assert.doesNotMatch(svg, /<script|<image|<use|<foreignObject|href|url\(|on\w+=/i);
      assert.match(svg, /<\/svg>\n$/);
    }
  });

  it('stretches to width x height as the PNG does, and is the same bytes every time', () => {
    const wide = renderMonsterSvg('alice', 60, 30).toString();
    assert.match(wide, /width="60" height="30" .*preserveAspectRatio="none"/);
    assert.deepEqual(renderMonsterSvg('alice', 60, 30), renderMonsterSvg('alice', 60, 30));
    // The picture does not depend on the size: only the outer width and height do.
    assert.equal(
      renderMonsterSvg('alice', 20)
        .toString()
        .replace(/width="20" height="20"/, ''),
      renderMonsterSvg('alice', 512)
        .toString()
        .replace(/width="512" height="512"/, ''),
    );
  });
});
