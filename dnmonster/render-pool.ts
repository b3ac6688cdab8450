import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { MonsterFormat } from './formats.js';
import { renderAs } from './render-any.js';
import type { RenderTask } from './render-worker.js';

/** Renders a monster picture, at once or on another thread. */
export type Render = (
  name: string,
  width: number,
  height: number,
  format: MonsterFormat,
) => Buffer | Promise<Buffer>;

/**
 * Up to this many pixels a monster is rendered on the event loop (an 80 px one takes well
 * under a millisecond); larger ones go to the worker threads. So a cheap request never waits
 * behind a queue of expensive ones, and the event loop stays free to accept connections.
 * An SVG costs the same at every size, so it is always drawn inline.
 */
export const INLINE_MAX_PIXELS = 128 * 128;

export interface RenderPool {
  readonly render: Render;
  readonly threads: number;
  destroy(): Promise<void>;
}

// The worker module sits beside this one, with the same extension: .js as tsc compiles it,
// .mjs in the image's esbuild bundle.
const here = fileURLToPath(import.meta.url);
const WORKER = path.join(path.dirname(here), `render-worker${path.extname(here)}`);

/** A pool of one worker thread per core (piscina), with small renders kept inline. */
export function createRenderPool(threads = availableParallelism()): RenderPool {
  const pool = new Piscina<RenderTask, Uint8Array>({
    filename: WORKER,
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    threads,
    render(name, width, height, format) {
      if (format === 'svg' || width * height <= INLINE_MAX_PIXELS) {
        return renderAs(format, name, width, height);
      }
      return pool
        .run({ name, width, height, format })
        .then((png) => Buffer.from(png.buffer, png.byteOffset, png.byteLength));
    },
    destroy: () => pool.destroy(),
  };
}
