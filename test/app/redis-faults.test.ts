import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import type { Readiness } from '../../app/readiness.js';
import { buildApp, type TestApp } from '../support/test-app.js';
import { metricsSnapshot } from '../support/metrics.js';
import { useStack } from '../support/stack.js';
import { waitFor } from '../support/wait.js';
import { redisKeyOf } from '../support/redis-keys.js';

// "About 1 s": the app's own bound is 500 ms per Redis command; this leaves room for the render.
const DEAD_REDIS_BUDGET_MS = 1500;

async function timedGet(
  app: TestApp,
  path: string,
): Promise<{ status: number; ms: number; cache: unknown }> {
  const started = Date.now();
  const response = await request(app.handler).get(path);
  return { status: response.status, ms: Date.now() - started, cache: response.headers['x-cache'] };
}

async function readiness(app: TestApp): Promise<Readiness> {
  return (await request(app.handler).get('/readyz')).body as Readiness;
}

async function redisState(app: TestApp): Promise<Readiness['redis']> {
  return (await readiness(app)).redis;
}

describe('Redis faults', () => {
  const stack = useStack();

  it('keeps serving while Redis is killed, and reconnects by itself when it is back', async () => {
    assert.equal((await timedGet(stack.app, '/monster/before-kill')).status, 200);
    const outages = stack.app.logged('Redis cache unavailable');
    await stack.redis.kill();

    for (let i = 0; i < 10; i++) {
      for (const path of [`/monster/while-dead-${i}`, '/monster/before-kill']) {
        const { status, ms } = await timedGet(stack.app, path);
        assert.equal(status, 200, path);
        assert.ok(ms < DEAD_REDIS_BUDGET_MS, `${path} took ${ms} ms with Redis dead`);
      }
    }
    const ready = await readiness(stack.app);
    assert.equal(ready.status, 'ready', 'a dead Redis must not make the app unready');
    assert.notEqual(ready.redis, 'ready');
    assert.equal(
      stack.app.logged('Redis cache unavailable'),
      outages + 1,
      'the outage is logged once, not per retry',
    );

    await stack.redis.start();
    await stack.redis.client.connect().catch(() => undefined);
    await waitFor(
      'the app to reconnect to Redis',
      async () => (await redisState(stack.app)) === 'ready',
      5000,
    );

    assert.equal((await timedGet(stack.app, '/monster/after-restart')).cache, 'MISS');
    await waitFor(
      'the new monster to reach Redis',
      async () => (await stack.redis.client.exists(redisKeyOf('after-restart'))) === 1,
    );
  });

  it('does not let a hung Redis hold a request for more than about a second', async () => {
    const metrics = await metricsSnapshot(stack.app);
    const outages = stack.app.logged('Redis cache unavailable');
    const recoveries = stack.app.logged('Redis cache connected');
    stack.redis.pause();
    try {
      for (const name of ['hung-1', 'hung-2', 'hung-3', 'hung-4', 'hung-5', 'hung-6']) {
        const { status, ms } = await timedGet(stack.app, `/monster/${name}`);
        assert.equal(status, 200);
        assert.ok(ms < DEAD_REDIS_BUDGET_MS, `${name} took ${ms} ms with Redis hung`);
      }
    } finally {
      stack.redis.resume();
    }
    assert.equal(await metrics.delta('identidock_cache_errors_total', 'operation="get"'), 6);
    assert.equal(
      stack.app.logged('Redis cache unavailable'),
      outages + 1,
      'one line when the outage began, not one per request',
    );
    await timedGet(stack.app, '/monster/after-the-hang');
    await waitFor(
      'the recovery to be logged',
      () => stack.app.logged('Redis cache connected') === recoveries + 1,
    );
    assert.equal(stack.app.logged('Redis cache unavailable'), outages + 1);
  });

  it('starts and serves with Redis down, and uses it once it comes up', async () => {
    await stack.redis.kill();
    const late = await buildApp({ REDIS_URL: stack.redis.url, DNMONSTER_URL: stack.dnmonster.url });
    try {
      assert.equal((await timedGet(late, '/monster/down-at-start')).status, 200);
      assert.notEqual(await redisState(late), 'ready');
      await stack.redis.start();
      await waitFor(
        'the late app to connect',
        async () => (await redisState(late)) === 'ready',
        5000,
      );
      await timedGet(late, '/monster/up-later');
      await stack.redis.client.connect().catch(() => undefined);
      await waitFor(
        'the key to reach Redis',
        async () => (await stack.redis.client.exists(redisKeyOf('up-later'))) === 1,
      );
    } finally {
      await late.close();
    }
  });
});
