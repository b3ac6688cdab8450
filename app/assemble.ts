import type { Express } from 'express';
import type { Config } from './config.js';
import { createApp } from './create-app.js';
import { createMemoryCache } from './cache/memory-cache.js';
import { createRedisCache } from './cache/redis-cache.js';
import type { Logger } from './log/logger.js';
import { createMetrics } from './metrics.js';
import { createEmbeddedSource } from './monsters/embedded-source.js';
import { createHttpSource } from './monsters/http-source.js';
import { createMonsterService } from './monsters/monster-service.js';
import { readinessOf, type CheckReadiness } from './readiness.js';

export interface Identidock {
  readonly app: Express;
  readonly readiness: CheckReadiness;
  /** Waits (up to `ms`) for the shared cache to connect, so the first requests can use it. */
  warmUp(ms: number): Promise<void>;
  /** Releases connections: Redis and the renderer's sockets. */
  close(): Promise<void>;
}

/**
 * Builds the app from its config: Redis when REDIS_URL is set, the dnmonster service when
 * DNMONSTER_URL is set, in-process stand-ins for either otherwise.
 */
export function assemble(config: Config, logger: Logger): Identidock {
  const metrics = createMetrics();
  const memory = createMemoryCache(config.memoryCacheBytes);
  const shared = config.redisUrl ? createRedisCache(config.redisUrl, logger, metrics) : undefined;
  const source = config.dnmonsterUrl
    ? createHttpSource(config.dnmonsterUrl, config.dnmonsterTimeoutMs)
    : createEmbeddedSource();

  logger.info(`Cache: ${shared?.description ?? 'in-process LRU only (REDIS_URL unset)'}`);
  logger.info(`Renderer: ${source.description}`);

  const readiness = readinessOf(source, shared);

  const monsters = createMonsterService({ memory, shared, source, logger, metrics });
  return {
    app: createApp({ salt: config.salt, logger, metrics, monsters, readiness }),
    readiness,
    warmUp: async (ms) => {
      await shared?.waitUntilReady(ms);
    },
    close: async () => {
      source.close();
      await shared?.close();
    },
  };
}
