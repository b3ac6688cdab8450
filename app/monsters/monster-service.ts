import { ART_VERSION } from '../../dnmonster/art-version.js';
import type { MemoryCache } from '../cache/memory-cache.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics.js';
import { createMonster, type CacheResult, type Monster } from './monster.js';
import type { MonsterSpec } from './monster-request.js';
import { RenderLimited, type RenderLimiter } from './render-limit.js';
import { RenderError, type MonsterSource } from './source.js';

export interface MonsterLookup {
  readonly monster: Monster;
  readonly cache: CacheResult;
}

export interface MonsterService {
  /** The monster if this process has it in memory: no I/O, no promise. */
  remembered(wanted: MonsterSpec): Monster | undefined;
  /**
   * The monster from memory, Redis or the renderer, in that order. A render counts
   * against `client`'s render limit (rejects with RenderLimited past it).
   */
  get(wanted: MonsterSpec, client: string | undefined): Promise<MonsterLookup>;
}

interface Dependencies {
  readonly memory: MemoryCache;
  readonly shared: SharedCache | undefined;
  readonly source: MonsterSource;
  readonly limiter: RenderLimiter;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** The art version is in the key, so a change of art is never served from an old entry. */
export const monsterKey = ({ name, size, format }: MonsterSpec): string =>
  `monster:v${ART_VERSION}:${format}:${size}:${name}`;

/**
 * Finds a monster: the in-process LRU first, then the shared cache, then the renderer.
 * Lookups of one key that arrive while another is under way join it ("single flight"),
 * so a burst of requests for a new name makes one renderer request, not one per request.
 * A miss costs one shared-cache read, one render and one shared-cache write; the render
 * must first be admitted by the render limit.
 */
export function createMonsterService(deps: Dependencies): MonsterService {
  const { memory, shared, source, limiter, logger, metrics } = deps;
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

  async function render({ name, size, format }: MonsterSpec): Promise<Buffer> {
    const started = performance.now();
    const seconds = (): number => (performance.now() - started) / 1000;
    try {
      const picture = await source.render(name, size, format);
      renderTime.ok.observe(seconds());
      return picture;
    } catch (error) {
      renderTime.error.observe(seconds());
      if (error instanceof RenderError) metrics.dnmonsterErrors.inc({ reason: error.reason });
      throw error;
    }
  }

  async function lookUp(
    key: string,
    wanted: MonsterSpec,
    client: string | undefined,
  ): Promise<MonsterLookup> {
    const stored = await shared?.get(key);
    if (stored) {
      const monster = createMonster(stored, wanted.format);
      memory.set(key, monster);
      return { monster, cache: 'HIT' };
    }
    const { name, size, format } = wanted;
    logger.info({ name, size, format }, 'Cache miss');
    await limiter.admit(client);
    const monster = createMonster(await render(wanted), format);
    memory.set(key, monster);
    shared?.set(key, monster.body); // not awaited: the response does not wait on Redis
    return { monster, cache: 'MISS' };
  }

  return {
    remembered(wanted) {
      const monster = memory.get(monsterKey(wanted));
      if (monster) counted.hit.inc();
      return monster;
    },

    async get(wanted, client) {
      const key = monsterKey(wanted);
      const monster = memory.get(key);
      if (monster) {
        counted.hit.inc();
        return { monster, cache: 'HIT' };
      }
      const pending = inFlight.get(key);
      if (pending) {
        counted.coalesced.inc();
        // If the render was refused by the first client's limit, this client asks on its own.
        return pending.catch((error: unknown) => {
          if (error instanceof RenderLimited) return lookUp(key, wanted, client);
          throw error;
        });
      }
      const lookup = lookUp(key, wanted, client).finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      const result = await lookup;
      (result.cache === 'HIT' ? counted.hit : counted.miss).inc();
      return result;
    },
  };
}
