import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import request from 'supertest';
import { buildApp } from '../support/test-app.js';
import { metricsSnapshot } from '../support/metrics.js';
import { useStack } from '../support/stack.js';
import { freePort } from '../support/wait.js';
import { redisKeyOf } from '../support/redis-keys.js';

const ERRORS = 'identidock_dnmonster_errors_total';

describe('dnmonster faults', () => {
  const stack = useStack({ DNMONSTER_TIMEOUT_MS: '300' });

  const cached = async (name: string): Promise<boolean> =>
    (await stack.redis.client.exists(redisKeyOf(name))) === 1;

  it('answers 503 while dnmonster is stopped, caches nothing, and recovers when it is back', async () => {
    await request(stack.app.handler).get('/monster/warm').expect(200); // a pooled keep-alive socket exists
    const metrics = await metricsSnapshot(stack.app);
    await stack.dnmonster.stop();

    const refused = await request(stack.app.handler).get('/monster/stopped').expect(503);
    assert.equal(refused.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(refused.text, /dnmonster is unreachable/);
    await request(stack.app.handler).get('/monster/stopped').expect(503); // tried again, not cached
    assert.equal(await cached('stopped'), false);
    assert.equal(await metrics.delta(ERRORS, 'reason="unavailable"'), 2);
    assert.equal(stack.app.logged('Render failed: dnmonster is unreachable'), 2);
    assert.match(
      stack.app.logs.join('\n'),
      /"cause":"connect ECONNREFUSED/,
      'the log keeps the cause',
    );
    await request(stack.app.handler).get('/monster/warm').expect(200); // cached monsters still served

    const unready = await request(stack.app.handler).get('/readyz').expect(503);
    assert.deepEqual(unready.body, { status: 'unavailable', dnmonster: 'down', redis: 'ready' });

    await stack.dnmonster.start();
    await request(stack.app.handler).get('/readyz').expect(200);
    const back = await request(stack.app.handler).get('/monster/stopped').expect(200);
    assert.equal(back.headers['x-cache'], 'MISS');
  });

  it('answers 504 when dnmonster does not answer in time, then serves when it does', async () => {
    const metrics = await metricsSnapshot(stack.app);
    stack.dnmonster.pause();
    try {
      const response = await request(stack.app.handler).get('/monster/slow').expect(504);
      assert.match(response.text, /did not answer within 300 ms/);
      assert.equal(await cached('slow'), false);
    } finally {
      stack.dnmonster.resume();
    }
    await request(stack.app.handler).get('/monster/slow').expect(200);
    assert.equal(await metrics.delta(ERRORS, 'reason="timeout"'), 1);
    assert.equal(await metrics.delta(ERRORS, 'reason="unavailable"'), 0);
  });

  it('answers 502 when dnmonster answers an error status', async () => {
    // The real service, asked under a path it does not serve, answers 404.
    const misrouted = await buildApp({ DNMONSTER_URL: `${stack.dnmonster.url}/not-here/` });
    try {
      const response = await request(misrouted.handler).get('/monster/misrouted').expect(502);
      assert.match(response.text, /dnmonster answered HTTP 404/);
    } finally {
      await misrouted.close();
    }
  });

  it('answers 502 when the answer is not a PNG, and caches nothing', async () => {
    const port = await freePort();
    const impostor = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' });
      res.end('<html>not a png</html>');
    });
    await new Promise<void>((resolve) => impostor.listen(port, '127.0.0.1', resolve));
    const fooled = await buildApp({
      REDIS_URL: stack.redis.url,
      DNMONSTER_URL: `http://127.0.0.1:${port}`,
    });
    try {
      const response = await request(fooled.handler).get('/monster/impostor').expect(502);
      assert.match(response.text, /not a PNG/);
      assert.equal(await cached('impostor'), false);
    } finally {
      impostor.close();
      await fooled.close();
    }
  });
});
