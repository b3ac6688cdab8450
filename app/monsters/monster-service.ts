import type { MemoryCache } from '../cache/memory-cache.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics.js';
import { createMonster, type CacheResult, type Monster } from './monster.js';
import { RenderError, type MonsterSource } from './source.js';

export interface MonsterLookup {
  readonly monster: Monster;
  readonly cache: CacheResult;
}

export interface MonsterService {
  /** The monster if this process has it in memory: no I/O, no promise. */
  remembered(name: string, size: number): Monster | undefined;
  /** The monster from memory, Redis or the renderer, in that order. */
  get(name: string, size: number): Promise<MonsterLookup>;
}

interface Dependencies {
  readonly memory: MemoryCache;
  readonly shared: SharedCache | undefined;
  readonly source: MonsterSource;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

const keyOf = (name: string, size: number): string => `monster:${size}:${name}`;

/**
 * Finds a monster: the in-process LRU first, then the shared cache, then the renderer.
 * Lookups of one key that arrive while another is under way join it ("single flight"),
 * so a burst of requests for a new name makes one renderer request, not one per request.
 * A miss costs one shared-cache read, one render and one shared-cache write.
 */
export function createMonsterService(deps: Dependencies): MonsterService {
  const { memory, shared, source, logger, metrics } = deps;
  const inFlight = new Map<string, Promise<MonsterLookup>>();
  const counted = {
    hit: metrics.cacheLookups.labels('hit'),
    miss: metrics.cacheLookups.labels('miss'),
    coalesced: metrics.cacheLookups.labels('coalesced'),
  };
  const renderTime = {
    ok: metrics.dnmonsterDuration.labels('ok'),
    error: metrics.dnmonsterDuration.labels('error'),
  };

  async function render(name: string, size: number): Promise<Buffer> {
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    try {
      const png = await source.render(name, size);
      renderTime.ok.observe(seconds());
      return png;
    } catch (error) {
      renderTime.error.observe(seconds());
      if (error instanceof RenderError) metrics.dnmonsterErrors.inc({ reason: error.reason });
      throw error;
    }
  }

  async function lookUp(key: string, name: string, size: number): Promise<MonsterLookup> {
    const stored = await shared?.get(key);
    if (stored) {
      const monster = createMonster(stored);
      memory.set(key, monster);
      return { monster, cache: 'HIT' };
    }
    logger.info({ name, size }, 'Cache miss');
    const monster = createMonster(await render(name, size));
    memory.set(key, monster);
    shared?.set(key, monster.png); // not awaited: the response does not wait on Redis
    return { monster, cache: 'MISS' };
  }

  return {
    remembered(name, size) {
      const monster = memory.get(keyOf(name, size));
      if (monster) counted.hit.inc();
      return monster;
    },

    async get(name, size) {
      const key = keyOf(name, size);
      const monster = memory.get(key);
      if (monster) {
        counted.hit.inc();
        return { monster, cache: 'HIT' };
      }
      const pending = inFlight.get(key);
      if (pending) {
        counted.coalesced.inc();
        return pending;
      }
      const lookup = lookUp(key, name, size).finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      const result = await lookup;
      (result.cache === 'HIT' ? counted.hit : counted.miss).inc();
      return result;
    },
  };
}
