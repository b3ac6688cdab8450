import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runApp, startApp } from '../support/app-process.js';
import { startDnmonster, type TestDnmonster } from '../support/dnmonster-service.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import { isListening, waitFor } from '../support/wait.js';

describe('the app as a process', () => {
  let redis: TestRedis;
  let dnmonster: TestDnmonster;
  before(async () => {
    [redis, dnmonster] = await Promise.all([startRedis(), startDnmonster()]);
  });
  after(async () => {
    await Promise.all([redis.stop(), dnmonster.stop()]);
  });

  it('on SIGTERM stops accepting, finishes the request in flight, closes Redis and exits 0', async () => {
    const { process: app, port } = await startApp({
      REDIS_URL: redis.url,
      DNMONSTER_URL: dnmonster.url,
      DNMONSTER_TIMEOUT_MS: '10000',
    });
    try {
      await app.waitForOutput(/Redis cache connected/);
      dnmonster.pause(); // the next render hangs until we resume it
      const inFlight = fetch(`http://127.0.0.1:${port}/monster/in-flight`);
      await app.waitForOutput(/Cache miss/);

      app.signal('SIGTERM');
      await app.waitForOutput(/SIGTERM received/);
      await waitFor('the listener to close', async () => !(await isListening(port)));

      dnmonster.resume();
      const response = await inFlight;
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/png');
      assert.equal(await app.exited(), 0);
      assert.match(app.output(), /Shut down cleanly/);
    } finally {
      dnmonster.resume();
      await app.stop('SIGKILL');
    }
  });

  it('logs one JSON line per request in PROD, with the cache miss', async () => {
    const { process: app, url } = await startApp();
    try {
      await fetch(`${url}/monster/logged`);
      await fetch(`${url}/monster/logged`);
      await app.waitForOutput(/cache":"HIT/);
      const lines = app.output().trim().split('\n');
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.ok(
        entries.some(
          (e) => e.msg === 'Renderer: embedded renderer (in-process, DNMONSTER_URL unset)',
        ),
      );
      assert.ok(entries.some((e) => e.msg === 'Cache: in-process LRU only (REDIS_URL unset)'));
      assert.equal(entries.filter((e) => e.msg === 'Cache miss').length, 1);
      assert.equal(entries.filter((e) => e.msg === 'GET /monster/logged 200').length, 2);
    } finally {
      await app.stop();
    }
  });

  it('exits with a message naming a bad config value', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'abc' }, /invalid PORT="abc": expected an integer from 1 to 65535/],
      [{ PORT: '70000' }, /invalid PORT="70000"/],
      [{ REDIS_URL: 'http://redis:6379' }, /invalid REDIS_URL=.*redis:\/\/ or rediss:\/\//],
      [{ DNMONSTER_URL: 'dnmonster:8080' }, /invalid DNMONSTER_URL/],
      [{ CONTEXT: 'staging' }, /invalid CONTEXT="staging": expected DEV or PROD/],
      [{ DNMONSTER_TIMEOUT_MS: '2s' }, /invalid DNMONSTER_TIMEOUT_MS/],
    ];
    for (const [env, message] of cases) {
      const app = runApp(env);
      try {
        assert.equal(await app.exited(), 2, JSON.stringify(env));
        assert.match(app.output(), message);
      } finally {
        await app.stop('SIGKILL');
      }
    }
  });
});
