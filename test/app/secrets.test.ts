import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { renderMonster } from '../../dnmonster/render.js';
import { startApp } from '../support/app-process.js';
import { startDnmonster } from '../support/dnmonster-service.js';
import { startRedis } from '../support/redis-server.js';
import { waitFor } from '../support/wait.js';

const secret = (what: string): string =>
  `${what}-${process.pid}-${Math.random().toString(36).slice(2)}`;

describe('secrets in settings', () => {
  for (const where of ['userinfo', 'query', 'file'] as const) {
    it(`never appear in a log line or /readyz (Redis password in ${where === 'file' ? 'REDIS_PASSWORD_FILE' : `the URL's ${where}`})`, async () => {
      const redisPassword = secret('redis');
      const dnmonsterPassword = secret('dnmonster');
      const [redis, dnmonster] = await Promise.all([startRedis(redisPassword), startDnmonster()]);
      const secretsDir = await mkdtemp(path.join(os.tmpdir(), 'identidock-secrets-'));
      const passwordFile = path.join(secretsDir, 'redis_password');
      await writeFile(passwordFile, `${redisPassword}\n`, { mode: 0o600 }); // as `docker secret` leaves it
      const redisSettings = {
        userinfo: { REDIS_URL: `redis://:${redisPassword}@127.0.0.1:${redis.port}/0` },
        query: { REDIS_URL: `redis://127.0.0.1:${redis.port}/0?password=${redisPassword}` },
        file: { REDIS_URL: `redis://127.0.0.1:${redis.port}/0`, REDIS_PASSWORD_FILE: passwordFile },
      }[where];
      const dnmonsterUrl = dnmonster.url.replace(
        'http://',
        `http://operator:${dnmonsterPassword}@`,
      );
      const { process: app, url } = await startApp({
        ...redisSettings,
        DNMONSTER_URL: dnmonsterUrl,
        LOG_LEVEL: 'trace',
      });
      const bodies: string[] = [];
      const get = async (path: string): Promise<number> => {
        const response = await fetch(`${url}${path}`);
        bodies.push(await response.text());
        return response.status;
      };
      try {
        await app.waitForOutput(/Redis cache connected/);
        assert.equal(await get('/monster/secretive'), 200, 'the password did reach Redis');
        assert.equal(await get('/monster/secretive'), 200);
        assert.equal(await get('/readyz'), 200);
        await redis.kill(); // outage lines, with the Redis URL in them
        await get('/monster/while-redis-is-down');
        await app.waitForOutput(/Redis cache unavailable/);
        await dnmonster.stop(); // render failures, with their causes
        assert.equal(await get('/monster/while-dnmonster-is-down'), 503);
        assert.equal(await get('/readyz'), 503);
        await redis.start();
        await waitFor(
          'Redis to be back',
          () => /Redis cache connected[\s\S]*Redis cache connected/.test(app.output()),
          5000,
        );
      } finally {
        await app.stop();
        await Promise.all([redis.stop(), dnmonster.stop()]);
        await rm(secretsDir, { recursive: true, force: true });
      }
      const everything = `${app.output()}\n${bodies.join('\n')}`;
      assert.match(everything, /Render failed/, 'the failure paths were logged');
      for (const value of [redisPassword, dnmonsterPassword]) {
        assert.ok(!everything.includes(value), `a secret was written:\n${everything}`);
      }
      assert.match(everything, /\*\*\*/, 'the masked URLs are still logged');
    });
  }

  it('sends DNMONSTER_URL credentials as Basic auth', async () => {
    const password = 'p@ss:word/with%signs';
    let authorization: string | undefined;
    const renderer = http.createServer((req, res) => {
      authorization = req.headers.authorization;
      if (authorization !== `Basic ${Buffer.from(`operator:${password}`).toString('base64')}`) {
        res.writeHead(401).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(renderMonster('guarded', 80));
    });
    renderer.listen(0, '127.0.0.1');
    await once(renderer, 'listening');
    const port = (renderer.address() as AddressInfo).port;
    const { process: app, url } = await startApp({
      DNMONSTER_URL: `http://operator:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    });
    try {
      const response = await fetch(`${url}/monster/guarded`);
      assert.equal(response.status, 200);
      assert.deepEqual(Buffer.from(await response.arrayBuffer()), renderMonster('guarded', 80));
      assert.ok(authorization?.startsWith('Basic '));
    } finally {
      await app.stop();
      renderer.close();
    }
  });

  it('reports a renderer that speaks no HTTP as a bad gateway, with the real cause', async () => {
    const impostor = http.createServer((_req, res) => res.end('plain http'));
    impostor.listen(0, '127.0.0.1');
    await once(impostor, 'listening');
    const port = (impostor.address() as AddressInfo).port;
    const { process: app, url } = await startApp({ DNMONSTER_URL: `https://127.0.0.1:${port}` });
    try {
      const response = await fetch(`${url}/monster/tls`);
      assert.equal(response.status, 502);
      assert.doesNotMatch(await response.text(), /unreachable/);
      await app.waitForOutput(/Render failed/);
      assert.match(app.output(), /"cause":"[^"]*(SSL|TLS|ssl|tls|EPROTO|wrong version)/);
    } finally {
      await app.stop();
      impostor.close();
    }
  });
});
