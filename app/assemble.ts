import type { RequestListener } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config.js';
import { createApp } from './create-app.js';
import { createMemoryCache } from './cache/memory-cache.js';
import { createRedisCache } from './cache/redis-cache.js';
import { createFastLane } from './http/fast-lane.js';
import { requestRecorder } from './http/request-metrics.js';
import type { Logger } from './log/logger.js';
import { createMetrics } from './metrics.js';
import { metricsSource } from './metrics-source.js';
import { reportMetricsToStats } from './stats/metrics-reporter.js';
import { createEmbeddedSource } from './monsters/embedded-source.js';
import { createHttpSource } from './monsters/http-source.js';
import { createMonsterService } from './monsters/monster-service.js';
import { createRenderLimiter } from './monsters/render-limit.js';
import { readinessOf, type CheckReadiness } from './readiness.js';
import { namePage } from './routes/page-routes.js';
import { DEFAULT_NAME } from './views/page.js';

export interface Identidock {
  /** What the HTTP server runs: the fast lane, in front of `app`. */
  readonly handler: RequestListener;
  /** The express application alone (every route; the fast lane's fallback). */
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
  const shared = config.redisUrl
    ? createRedisCache(config.redisUrl, config.redisPassword, logger, metrics)
    : undefined;
  const source = config.dnmonsterUrl
    ? createHttpSource(config.dnmonsterUrl, config.dnmonsterTimeoutMs)
    : createEmbeddedSource();

  logger.info(`Cache: ${shared?.description ?? 'in-process LRU only (REDIS_URL unset)'}`);
  logger.info(`Renderer: ${source.description}`);

  const readiness = readinessOf(source, shared);
  const limiter = createRenderLimiter(config.renderLimitPerMinute, shared?.client, logger);
  logger.info(`Render limit: ${limiter.description}`);
  const monsters = createMonsterService({ memory, shared, source, limiter, logger, metrics });
  const recordRequest = requestRecorder(metrics);
  if (config.clusterMetricsUrl) reportMetricsToStats(metrics.registry);
  const defaultPage = namePage(config.salt, DEFAULT_NAME);
  const app = createApp({
    salt: config.salt,
    defaultPage,
    trustProxy: config.trustProxy,
    logger,
    metrics: metricsSource(metrics.registry, config.clusterMetricsUrl),
    metricsAllow: config.metricsAllow,
    recordRequest,
    monsters,
    readiness,
  });
  return {
    handler: createFastLane({ app, monsters, logger, recordRequest, defaultPage }),
    app,
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
