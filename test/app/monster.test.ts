import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { describe, it } from 'node:test';
import { setTimeout } from 'node:timers/promises';
import { decode } from 'fast-png';
import request from 'supertest';
import { buildApp, type TestApp } from '../support/test-app.js';
import { rawGet } from '../support/raw-get.js';
import { renderMonster } from '../../dnmonster/render.js';
import { metricsSnapshot } from '../support/metrics.js';
import { useStack } from '../support/stack.js';
import { MONSTER_SIZE } from '../../app/monsters/monster-request.js';
import { isPng } from '../../app/monsters/source.js';
import { redisKeyOf } from '../support/redis-keys.js';
import { binary } from '../support/binary.js';
import { serveOnLoopback } from '../support/serve.js';

describe('monsters, with a real Redis and the real dnmonster', () => {
  const stack = useStack();

  const monster = (path: string) => request(stack.app.handler).get(path).buffer(true).parse(binary);

  it('misses, then hits with the identical bytes: an 80x80 PNG', async () => {
    const misses = stack.app.logged('Cache miss');
    const first = await monster('/monster/first-visit')
      .expect(200)
      .expect('Content-Type', 'image/png');
    assert.equal(first.headers['x-cache'], 'MISS');
    assert.equal(stack.app.logged('Cache miss'), misses + 1);
    const second = await monster('/monster/first-visit').expect(200);
    assert.equal(second.headers['x-cache'], 'HIT');
    assert.equal(stack.app.logged('Cache miss'), misses + 1, 'a hit logged a cache miss');

    const body = first.body as Buffer;
    assert.deepEqual(second.body, body);
    assert.ok(isPng(body));
    const png = decode(body);
    assert.deepEqual([png.width, png.height], [MONSTER_SIZE.default, MONSTER_SIZE.default]);
    assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(first.headers.etag), /^"[\w-]+"$/);
    assert.equal(await stack.dnmonster.requestsFor('first-visit', 1), 1);
  });

  it('stores the PNG in Redis under the identidock: prefix, and a fresh app hits it there', async () => {
    const body = (await monster('/monster/in-redis?size=40').expect(200)).body as Buffer;
    const stored = await stack.redis.client.getBuffer(redisKeyOf('in-redis', 40));
    assert.deepEqual(stored, body);
    const ttl = await stack.redis.client.ttl(redisKeyOf('in-redis', 40));
    assert.ok(ttl > 0, 'no expiry set');

    const other = await buildApp({
      REDIS_URL: stack.redis.url,
      DNMONSTER_URL: stack.dnmonster.url,
    });
    try {
      const fromRedis = await request(other.handler).get('/monster/in-redis?size=40').expect(200);
      assert.equal(fromRedis.headers['x-cache'], 'HIT');
      assert.equal(other.logged('Cache miss'), 0);
      assert.equal(await stack.dnmonster.requestsFor('in-redis', 1), 1);
    } finally {
      await other.close();
    }
    await setTimeout(100); // the socket's close event comes after quit() resolves
    assert.equal(other.logged('Redis cache unavailable'), 0, 'our own disconnect is no outage');
  });

  it('honours ?size=, and answers 304 to a matching If-None-Match', async () => {
    const big = await monster('/monster/sized?size=512').expect(200);
    assert.equal(decode(big.body as Buffer).width, 512);
    const small = await monster('/monster/sized?size=16').expect(200);
    assert.equal(decode(small.body as Buffer).width, 16);

    const etag = String(big.headers.etag);
    const notModified = await request(stack.app.handler)
      .get('/monster/sized?size=512')
      .set('If-None-Match', etag)
      .expect(304);
    assert.equal(notModified.text, '');
    await monster('/monster/sized?size=512').set('If-None-Match', '"something-else"').expect(200);
  });

  it('answers 400 for every bad name and size', async () => {
    const badNames = [
      'a%20b',
      'a%2Fb',
      'n'.repeat(129),
      'caf%C3%A9',
      'semi%3Bcolon',
      '%3Cscript%3E',
    ];
    for (const name of badNames) {
      const response = await request(stack.app.handler).get(`/monster/${name}`).expect(400);
      assert.match(response.text, /1 to 128 characters/, name);
    }
    await monster(`/monster/${'n'.repeat(128)}`).expect(200);
    for (const size of ['15', '513', '0', 'abc', '80.5', '-80', '', '1e2']) {
      const response = await request(stack.app.handler).get(`/monster/ok?size=${size}`).expect(400);
      assert.match(response.text, /size must be an integer from 16 to 512/, size);
    }
    await request(stack.app.handler).get('/monster/ok?size=80&size=90').expect(400);
    assert.equal(await stack.dnmonster.requestsFor('ok'), 0);
  });

  it('makes one dnmonster request for 20 concurrent misses of one name', async () => {
    const misses = stack.app.logged('Cache miss');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => monster('/monster/stampede').expect(200)),
    );
    assert.equal(await stack.dnmonster.requestsFor('stampede', 1), 1);
    assert.equal(stack.app.logged('Cache miss'), misses + 1);
    const bodies = new Set(responses.map((r) => (r.body as Buffer).toString('base64')));
    assert.equal(bodies.size, 1);
  });

  it('reports both services in /readyz, and /healthz', async () => {
    const ready = await request(stack.app.handler).get('/readyz').expect(200);
    assert.deepEqual(ready.body, { status: 'ready', dnmonster: 'ready', redis: 'ready' });
    await request(stack.app.handler).get('/healthz').expect(200, { status: 'ok' });
  });

  it('serves /metrics to local and private clients only (METRICS_ALLOW)', async () => {
    await request(stack.app.handler).get('/metrics').expect(200);
    const behindProxy = await buildApp({ TRUST_PROXY: 'loopback' });
    try {
      const fromInternet = await request(behindProxy.handler)
        .get('/metrics')
        .set('X-Forwarded-For', '203.0.113.9')
        .expect(403);
      assert.match(fromInternet.text, /local and private networks only/);
      await request(behindProxy.handler)
        .get('/metrics')
        .set('X-Forwarded-For', '10.1.2.3')
        .expect(200);
    } finally {
      await behindProxy.close();
    }
  });

  it('moves the /metrics counters', async () => {
    const metrics = await metricsSnapshot(stack.app);
    await monster('/monster/counted').expect(200);
    await monster('/monster/counted').expect(200);
    const { delta } = metrics;
    assert.equal(await delta('identidock_cache_lookups_total', 'result="miss"'), 1);
    assert.equal(await delta('identidock_cache_lookups_total', 'result="hit"'), 1);
    assert.equal(
      await delta(
        'identidock_http_requests_total',
        'method="GET",route="/monster/:name",status="200"',
      ),
      2,
    );
    assert.equal(
      await delta('identidock_dnmonster_request_duration_seconds_count', 'outcome="ok"'),
      1,
    );
    assert.match(
      (await request(stack.app.handler).get('/metrics').expect(200)).text,
      /identidock_http_request_duration_seconds_bucket\{le="[\d.]+",route="\/monster\/:name"\}/,
    );
  });
});

describe('names made only of punctuation, through both renderers', () => {
  const stack = useStack();

  it('gives ".", "..", "~" and "-" the same monster from dnmonster over HTTP as in-process', async () => {
    const embedded = await buildApp({});
    const servers: Server[] = [];
    const listen = async (app: TestApp): Promise<number> => {
      const { server, port } = await serveOnLoopback(app.handler);
      servers.push(server);
      return port;
    };
    try {
      const [viaHttp, inProcess] = [await listen(stack.app), await listen(embedded)];
      for (const name of ['.', '..', '~', '-', '...', '.-~_']) {
        const remote = await rawGet(viaHttp, `/monster/${name}`);
        const local = await rawGet(inProcess, `/monster/${name}`);
        assert.equal(remote.status, 200, `${name} through dnmonster: ${remote.body.toString()}`);
        assert.equal(local.status, 200, `${name} in-process`);
        assert.ok(isPng(remote.body), name);
        assert.deepEqual(remote.body, local.body, `${name}: the two renderers disagree`);
        assert.deepEqual(local.body, renderMonster(name, MONSTER_SIZE.default), name);
      }
    } finally {
      for (const server of servers) server.close();
      await embedded.close();
    }
  });
});
