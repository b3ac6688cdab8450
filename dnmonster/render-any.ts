import type { MonsterFormat } from './formats.js';
import { renderMonster } from './render.js';
import { renderMonsterSvg } from './render-svg.js';

/** The monster for `name` in `format`, `width` x `height` pixels. */
export function renderAs(
  format: MonsterFormat,
  name: string,
  width: number,
  height: number = width,
): Buffer {
  return format === 'svg'
    ? renderMonsterSvg(name, width, height)
    : renderMonster(name, width, height);
}
