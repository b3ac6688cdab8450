import { after, before } from 'node:test';
import type { Env } from '../../app/config.js';
import { startDnmonster, type TestDnmonster } from './dnmonster-service.js';
import { startRedis, type TestRedis } from './redis-server.js';
import { buildApp, type TestApp } from './test-app.js';

/** A real redis-server, the real dnmonster, and the app built on both. */
export interface TestStack {
  readonly redis: TestRedis;
  readonly dnmonster: TestDnmonster;
  readonly app: TestApp;
}

/**
 * Runs a stack for the enclosing `describe`: started in `before`, stopped in `after`.
 * `env` adds to (or overrides) the app's REDIS_URL and DNMONSTER_URL.
 */
export function useStack(env: Env = {}): TestStack {
  let running: TestStack | undefined;
  before(async () => {
    const [redis, dnmonster] = await Promise.all([startRedis(), startDnmonster()]);
    await redis.client.connect();
    const app = await buildApp({ REDIS_URL: redis.url, DNMONSTER_URL: dnmonster.url, ...env });
    running = { redis, dnmonster, app };
  });
  after(async () => {
    if (!running) return;
    const { app, redis, dnmonster } = running;
    try {
      await app.close();
    } finally {
      await Promise.all([redis.stop(), dnmonster.stop()]);
    }
  });
  const current = (): TestStack => {
    if (!running) throw new Error('the test stack is used before its before() hook ran');
    return running;
  };
  return {
    get redis() {
      return current().redis;
    },
    get dnmonster() {
      return current().dnmonster;
    },
    get app() {
      return current().app;
    },
  };
}
