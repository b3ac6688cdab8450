import { Redis } from 'ioredis';
import { redactUrl } from '../log/redact.js';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics.js';
import type { SharedCache, SharedCacheState } from './shared-cache.js';

/** Every key the app writes starts with this, so the app can share a Redis with others. */
export const KEY_PREFIX = 'identidock:';
/** Monsters never change, but a Redis without maxmemory should not grow forever. */
export const TTL_SECONDS = 30 * 24 * 3600;
/** The longest a request waits on a Redis that accepts connections but does not answer. */
const COMMAND_TIMEOUT_MS = 500;
const MAX_RECONNECT_DELAY_MS = 1000;

/** `password`: Redis's, when it is not in the URL (it never is in anything logged). */
export function createRedisCache(
  url: URL,
  password: string | undefined,
  logger: Logger,
  metrics: Metrics,
): SharedCache & { readonly client: Redis } {
  const client = new Redis(url.href, {
    ...(password === undefined ? {} : { password }),
    keyPrefix: KEY_PREFIX,
    // A command sent while disconnected fails at once instead of queueing until Redis is
    // back, so a dead Redis costs a request nothing; the request renders uncached.
    enableOfflineQueue: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    // Commands issued in the same tick go out in one write: under load, many requests
    // share one round trip instead of paying a syscall each.
    enableAutoPipelining: true,
    // Reconnect forever, quickly at first, then every second.
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });

  // One line when the cache goes away and one when it is back, whatever the traffic in
  // between: state changes are logged, not each failed command or reconnect attempt, nor
  // our own disconnect. A Redis that hangs (its commands time out) counts as gone.
  let lastReported: SharedCacheState | undefined;
  let closing = false;
  const report = (state: SharedCacheState, detail?: string): void => {
    if (closing || state === lastReported) return;
    lastReported = state;
    const where = { redis: redactUrl(url), detail };
    if (state === 'ready') logger.info(where, 'Redis cache connected');
    else logger.warn(where, 'Redis cache unavailable: serving uncached until it is back');
  };
  client.on('ready', () => {
    report('ready');
  });
  client.on('error', (error: Error) => {
    report('down', error.message);
  });
  client.on('close', () => {
    report('down', 'connection closed');
  });

  const answered = (): void => {
    if (lastReported !== 'ready') report('ready');
  };
  const failed = (operation: 'get' | 'set', error: unknown): void => {
    metrics.cacheErrors.inc({ operation });
    report('down', `${operation}: ${error instanceof Error ? error.message : String(error)}`);
  };

  return {
    /** The connection, for others that keep shared state in Redis (the render limit). */
    client,
    description: `Redis at ${redactUrl(url)}, behind an in-process LRU`,

    async get(key) {
      try {
        const png = await client.getBuffer(key);
        answered();
        return png ?? undefined;
      } catch (error) {
        failed('get', error);
        return undefined;
      }
    },

    set(key, png) {
      client.set(key, png, 'EX', TTL_SECONDS).then(answered, (error: unknown) => {
        failed('set', error);
      });
    },

    state() {
      if (client.status === 'ready') return 'ready';
      return client.status === 'connecting' || client.status === 'connect' ? 'connecting' : 'down';
    },

    async waitUntilReady(ms) {
      if (client.status === 'ready') return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        client.once('ready', done);
        function done(): void {
          clearTimeout(timer);
          client.off('ready', done);
          resolve();
        }
      });
    },

    async close() {
      closing = true;
      try {
        await client.quit();
      } catch {
        client.disconnect(); // not connected: nothing to flush, just stop reconnecting
      }
    },
  };
}
