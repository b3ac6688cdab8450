import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { run } from '../support/child-process.js';
import { REPO_ROOT } from '../support/paths.js';
import { rawGet } from '../support/raw-get.js';
import { useStack } from '../support/stack.js';
import { buildApp } from '../support/test-app.js';
import { freePort, isListening, waitFor } from '../support/wait.js';

/** Statuses of GET /monster/NAME for each name, in order, from one client. */
async function statusesFor(
  handler: Parameters<typeof request>[0],
  names: readonly string[],
  headers: Record<string, string> = {},
): Promise<number[]> {
  const statuses: number[] = [];
  for (const name of names) {
    statuses.push((await request(handler).get(`/monster/${name}`).set(headers)).status);
  }
  return statuses;
}

const names = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

describe('the render limit (RATE_LIMIT_RENDERS_PER_MINUTE)', () => {
  it('in process: past the limit, new monsters get 429 with when to come back; cached ones still 200', async () => {
    const app = await buildApp({ RATE_LIMIT_RENDERS_PER_MINUTE: '3', TRUST_PROXY: 'loopback' });
    try {
      assert.deepEqual(await statusesFor(app.handler, names('solo', 5)), [200, 200, 200, 429, 429]);
      const limited = await request(app.handler).get('/monster/solo-9').expect(429);
      assert.equal(limited.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(limited.text, 'Too many new monsters: try again later\n');
      const retryAfter = Number(limited.headers['retry-after']);
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
      assert.equal(limited.headers['ratelimit-policy'], '3;w=60');
      assert.equal(limited.headers.ratelimit, `limit=3, remaining=0, reset=${retryAfter}`);
      assert.equal(limited.headers['access-control-allow-origin'], '*');
      assert.equal(limited.headers['x-cache'], undefined);

      // Cached monsters cost no render: the limited client still gets them.
      const cached = await request(app.handler).get('/monster/solo-1').expect(200);
      assert.equal(cached.headers['x-cache'], 'HIT');
      const svgOfCached = await request(app.handler).get('/monster/solo-1?format=svg');
      assert.equal(svgOfCached.status, 429, 'another format is another render');

      // Another client (named by the trusted proxy) has its own allowance.
      const other = { 'X-Forwarded-For': '198.51.100.7' };
      assert.deepEqual(
        await statusesFor(app.handler, names('other', 4), other),
        [200, 200, 200, 429],
      );
      assert.equal(
        app.logged('Render limit: 3 renders per client a minute, counted in this process'),
        1,
      );
    } finally {
      await app.close();
    }
  });

  describe('with Redis: one count for every worker and replica', () => {
    const stack = useStack({ RATE_LIMIT_RENDERS_PER_MINUTE: '4' });

    it('two apps on one Redis share the count', async () => {
      const second = await buildApp({
        REDIS_URL: stack.redis.url,
        DNMONSTER_URL: stack.dnmonster.url,
        RATE_LIMIT_RENDERS_PER_MINUTE: '4',
      });
      try {
        const statuses: number[] = [];
        for (const [i, name] of names('shared', 8).entries()) {
          const app = i % 2 === 0 ? stack.app : second;
          statuses.push((await request(app.handler).get(`/monster/${name}`)).status);
        }
        assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429, 429, 429]);
        const keys = await stack.redis.client.keys('identidock:renders:*');
        assert.equal(keys.length, 1, `one counter for the one client: ${keys.join(', ')}`);
      } finally {
        await second.close();
      }
    });
  });

  it('fails open when Redis cannot be asked, and says so once', async () => {
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const app = await buildApp({ REDIS_URL: deadRedis, RATE_LIMIT_RENDERS_PER_MINUTE: '1' });
    try {
      assert.deepEqual(await statusesFor(app.handler, names('open', 4)), [200, 200, 200, 200]);
      assert.equal(app.logged('Render limit: Redis unavailable, not limiting until it is back'), 1);
    } finally {
      await app.close();
    }
  });

  describe('boot.sh PROD: two pm2 workers, a real Redis, the real dnmonster', () => {
    const stack = useStack();

    it('30 new names against a limit of 10: exactly 10 renders and 20 429s', async () => {
      const port = await freePort();
      const pm2Home = await mkdtemp(path.join(os.tmpdir(), 'identidock-pm2-'));
      const prod = run('bash', [path.join(REPO_ROOT, 'boot.sh')], {
        cwd: os.tmpdir(),
        env: {
          ...process.env,
          CONTEXT: 'PROD',
          PORT: String(port),
          STATS_PORT: String(await freePort()),
          WEB_CONCURRENCY: '2',
          PM2_HOME: pm2Home,
          REDIS_URL: stack.redis.url,
          DNMONSTER_URL: stack.dnmonster.url,
          RATE_LIMIT_RENDERS_PER_MINUTE: '10',
        },
      });
      try {
        await waitFor('the app on its port', () => isListening(port), 30_000);
        await waitFor(
          'both workers',
          () => prod.output().split('Render limit: 10').length - 1 >= 2,
          30_000,
        );
        const wanted = names('pm2-limit', 30);
        const statuses: number[] = [];
        // A new connection per request, so pm2 spreads them over both workers.
        for (const name of wanted) statuses.push((await rawGet(port, `/monster/${name}`)).status);
        assert.equal(statuses.filter((status) => status === 200).length, 10, statuses.join(' '));
        assert.equal(statuses.filter((status) => status === 429).length, 20, statuses.join(' '));
        let renders = 0;
        for (const name of wanted) renders += await stack.dnmonster.requestsFor(name);
        assert.equal(renders, 10, 'dnmonster rendered only what was admitted');
        const servedBy = new Set(
          prod
            .output()
            .split('\n')
            .filter((line) => line.includes('"url":"/monster/pm2-limit-'))
            .map((line) => (JSON.parse(line) as { pid: number }).pid),
        );
        assert.equal(servedBy.size, 2, 'both workers took requests');
      } finally {
        await prod.stop();
        await rm(pm2Home, { recursive: true, force: true });
      }
    });
  });
});
