import type { Redis } from 'ioredis';
import {
  RLWrapperTimeouts,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Logger } from '../log/logger.js';

const WINDOW_SECONDS = 60;
/** A render does not wait longer than this for Redis to count it... */
const REDIS_TIMEOUT_MS = 200;
/** ...and after Redis failed to, renders go unlimited this long before Redis is asked again. */
const PAUSE_AFTER_FAILURE_MS = 1000;

/** A client asked for more renders than the limit allows; `headers` say when to come back. */
export class RenderLimited extends Error {
  constructor(readonly headers: Readonly<Record<string, string>>) {
    super('Too many new monsters: try again later');
    this.name = 'RenderLimited';
  }
}

/** Decides whether a client may have one more monster rendered. */
export interface RenderLimiter {
  /** Says what the limit is, for the start-up log. */
  readonly description: string;
  /** Resolves if `client` may have a render now; rejects with RenderLimited if not. */
  admit(client: string | undefined): Promise<void>;
}

const UNLIMITED: RenderLimiter = {
  description: 'off (RATE_LIMIT_RENDERS_PER_MINUTE=0)',
  admit: () => Promise.resolve(),
};

/**
 * Renders (cache misses) per client address and minute; cached monsters are never counted.
 * With Redis (`redis`), the count is shared by every worker and replica; without, it is
 * this process's own. `perMinute` 0: no limit. If Redis cannot be asked (down, or hung past
 * REDIS_TIMEOUT_MS), the limiter lets renders through rather than refuse clients for our
 * outage, asks Redis again a second later, and says so once in the log per outage.
 */
export function createRenderLimiter(
  perMinute: number,
  redis: Redis | undefined,
  logger: Logger,
): RenderLimiter {
  if (perMinute === 0) return UNLIMITED;
  const options = { points: perMinute, duration: WINDOW_SECONDS, keyPrefix: 'renders' };
  const limiter: RateLimiterAbstract | RLWrapperTimeouts = redis
    ? new RLWrapperTimeouts({
        limiter: new RateLimiterRedis({
          ...options,
          storeClient: redis,
          rejectIfRedisNotReady: true,
        }),
        timeoutMs: REDIS_TIMEOUT_MS,
      })
    : new RateLimiterMemory(options);
  const policy = `${perMinute};w=${WINDOW_SECONDS}`;
  let failingOpen = false;
  let askAgainAt = 0;

  return {
    description: `${perMinute} renders per client a minute, ${redis ? 'shared through Redis' : 'counted in this process'}`,
    async admit(client) {
      if (failingOpen && performance.now() < askAgainAt) return;
      try {
        await limiter.consume(client ?? 'unknown');
        if (failingOpen) {
          failingOpen = false;
          logger.info('Render limit: Redis is back, limiting again');
        }
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) {
          const reset = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
          throw new RenderLimited({
            'Retry-After': String(reset),
            'RateLimit-Policy': policy,
            RateLimit: `limit=${perMinute}, remaining=0, reset=${reset}`,
          });
        }
        askAgainAt = performance.now() + PAUSE_AFTER_FAILURE_MS;
        if (!failingOpen) {
          failingOpen = true;
          const detail = outcome instanceof Error ? outcome.message : String(outcome);
          logger.warn({ detail }, 'Render limit: Redis unavailable, not limiting until it is back');
        }
      }
    },
  };
}
