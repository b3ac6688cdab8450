import { createHash } from 'node:crypto';
import type { Monster, MemoryCache } from '../cache/memory-cache.js';
import type { SharedCache } from '../cache/shared-cache.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics.js';
import { RenderError, type MonsterSource } from './source.js';

export type CacheResult = 'HIT' | 'MISS';

export interface MonsterLookup {
  readonly monster: Monster;
  readonly cache: CacheResult;
}

export interface MonsterService {
  get(name: string, size: number): Promise<MonsterLookup>;
}

interface Dependencies {
  readonly memory: MemoryCache;
  readonly shared: SharedCache | undefined;
  readonly source: MonsterSource;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

function toMonster(png: Buffer): Monster {
  const digest = createHash('sha256').update(png).digest('base64url').slice(0, 27);
  return { png, etag: `"${digest}"` };
}

/**
 * Finds a monster: the in-process LRU first, then the shared cache, then the renderer.
 * Lookups of one key that arrive while another is under way join it ("single flight"),
 * so a burst of requests for a new name makes one renderer request, not one per request.
 */
export function createMonsterService(deps: Dependencies): MonsterService {
  const { memory, shared, source, logger, metrics } = deps;
  const inFlight = new Map<string, Promise<MonsterLookup>>();

  async function render(name: string, size: number): Promise<Buffer> {
    const stopTimer = metrics.dnmonsterDuration.startTimer();
    try {
      const png = await source.render(name, size);
      stopTimer({ outcome: 'ok' });
      return png;
    } catch (error) {
      stopTimer({ outcome: 'error' });
      if (error instanceof RenderError) metrics.dnmonsterErrors.inc({ reason: error.reason });
      throw error;
    }
  }

  async function lookUp(key: string, name: string, size: number): Promise<MonsterLookup> {
    const stored = await shared?.get(key);
    if (stored) {
      const monster = toMonster(stored);
      memory.set(key, monster);
      return { monster, cache: 'HIT' };
    }
    logger.info('Cache miss', { name, size });
    const monster = toMonster(await render(name, size));
    memory.set(key, monster);
    shared?.set(key, monster.png); // not awaited: the response does not wait on Redis
    return { monster, cache: 'MISS' };
  }

  return {
    async get(name, size) {
      const key = `monster:${size}:${name}`;
      const remembered = memory.get(key);
      if (remembered) {
        metrics.cacheLookups.inc({ result: 'hit' });
        return { monster: remembered, cache: 'HIT' };
      }
      const pending = inFlight.get(key);
      if (pending) {
        metrics.cacheLookups.inc({ result: 'coalesced' });
        return pending;
      }
      const lookup = lookUp(key, name, size).finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      const result = await lookup;
      metrics.cacheLookups.inc({ result: result.cache === 'HIT' ? 'hit' : 'miss' });
      return result;
    },
  };
}
