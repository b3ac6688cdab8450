import type { SharedCache, SharedCacheState } from './cache/shared-cache.js';
import type { MonsterSource } from './monsters/source.js';

/** What `/readyz` reports. */
export interface Readiness {
  /** ready: monsters can be served. Redis being down only means they are served uncached. */
  readonly status: 'ready' | 'unavailable';
  readonly dnmonster: 'ready' | 'down' | 'embedded';
  readonly redis: SharedCacheState | 'not configured';
}

export type CheckReadiness = () => Promise<Readiness>;

/** Asks the renderer and the shared cache (if any) whether monsters can be served now. */
export function readinessOf(
  source: MonsterSource,
  shared: SharedCache | undefined,
): CheckReadiness {
  return async () => {
    const dnmonster = source.remote ? await remoteState(source) : 'embedded';
    return {
      status: dnmonster === 'down' ? 'unavailable' : 'ready',
      dnmonster,
      redis: shared?.state() ?? 'not configured',
    };
  };
}

async function remoteState(source: MonsterSource): Promise<'ready' | 'down'> {
  return (await source.isReady()) ? 'ready' : 'down';
}
