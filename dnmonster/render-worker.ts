// A worker thread of the render pool (dnmonster/render-pool.ts): renders one monster per task.
import { move } from 'piscina';
import { renderMonster } from './render.js';

export interface RenderTask {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

export default function render({ name, width, height }: RenderTask): Uint8Array {
  const png = renderMonster(name, width, height);
  // Hand the bytes over to the main thread rather than copy them.
  return move(png) as Uint8Array;
}
