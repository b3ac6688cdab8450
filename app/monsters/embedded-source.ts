import type { MonsterSource } from './source.js';

/**
 * Renders monsters in this process with the dnmonster code, for running the app alone
 * (`npm start` with no DNMONSTER_URL). Loaded on first use, so an app that talks to the
 * service never loads the renderer.
 */
export function createEmbeddedSource(): MonsterSource {
  let renderer: Promise<typeof import('../../dnmonster/render-any.js')> | undefined;
  return {
    description: 'embedded renderer (in-process, DNMONSTER_URL unset)',
    remote: false,
    async render(name, size, format) {
      renderer ??= import('../../dnmonster/render-any.js');
      return (await renderer).renderAs(format, name, size);
    },
    isReady: () => Promise.resolve(true),
    close() {
      // Nothing to release.
    },
  };
}
