// A worker thread of the render pool (dnmonster/render-pool.ts): renders one monster per task.
import { move } from 'piscina';
import type { MonsterFormat } from './formats.js';
import { renderAs } from './render-any.js';

export interface RenderTask {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly format: MonsterFormat;
}

export default function render({ name, width, height, format }: RenderTask): Uint8Array {
  const picture = renderAs(format, name, width, height);
  // Hand the bytes over to the main thread rather than copy them.
  return move(picture) as Uint8Array;
}
