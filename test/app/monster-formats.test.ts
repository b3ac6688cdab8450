import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { renderMonster } from '../../dnmonster/render.js';
import { renderMonsterSvg } from '../../dnmonster/render-svg.js';
import { MONSTER_SIZE } from '../../app/monsters/monster-request.js';
import { buildApp } from '../support/test-app.js';
import { redisKeyOf } from '../support/redis-keys.js';
import { useStack } from '../support/stack.js';
import { binary } from '../support/binary.js';

describe('monster formats: PNG and SVG', () => {
  const stack = useStack();
  const get = (path: string) => request(stack.app.handler).get(path).buffer(true).parse(binary);

  it('serves the SVG with ?format=svg: a miss, then a hit, with its own ETag and Redis key', async () => {
    const svg = await get('/monster/two-formats?format=svg').expect(200);
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.equal(svg.headers['x-cache'], 'MISS');
    assert.deepEqual(svg.body, renderMonsterSvg('two-formats', MONSTER_SIZE.default));
    const again = await get('/monster/two-formats?format=svg').expect(200);
    assert.equal(again.headers['x-cache'], 'HIT');
    assert.deepEqual(again.body, svg.body);

    const png = await get('/monster/two-formats?format=png').expect(200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.headers['x-cache'], 'MISS', 'the PNG is not the SVG cached');
    assert.deepEqual(png.body, renderMonster('two-formats', MONSTER_SIZE.default));
    const plain = await get('/monster/two-formats').expect(200);
    assert.equal(plain.headers['x-cache'], 'HIT', 'png is the default format');
    assert.notEqual(svg.headers.etag, png.headers.etag);

    const fromRedis = stack.redis.client;
    assert.deepEqual(await fromRedis.getBuffer(redisKeyOf('two-formats', 80, 'svg')), svg.body);
    assert.deepEqual(await fromRedis.getBuffer(redisKeyOf('two-formats', 80, 'png')), png.body);
    assert.equal(await stack.dnmonster.requestsFor('two-formats', 2), 2, 'one render per format');
  });

  it('answers 304 to an SVG ETag, and 400 naming the formats for any other', async () => {
    const { etag } = (await get('/monster/tagged?format=svg&size=40').expect(200)).headers;
    await request(stack.app.handler)
      .get('/monster/tagged?size=40&format=svg')
      .set('If-None-Match', String(etag))
      .expect(304);
    for (const format of ['gif', 'SVG', '', 'png&format=svg']) {
      const refused = await request(stack.app.handler)
        .get(`/monster/tagged?format=${format}`)
        .expect(400);
      assert.equal(refused.text, 'format must be one of: png, svg.\n', format);
    }
  });

  it('gives the same SVG through dnmonster and the embedded renderer, dot names included', async () => {
    const embedded = await buildApp({});
    try {
      for (const name of ['.', '..', '~', '-', 'svg-both']) {
        const path = `/monster/${name}?format=svg&size=64`;
        const remote = await get(path).expect(200);
        const local = await request(embedded.handler)
          .get(path)
          .buffer(true)
          .parse(binary)
          .expect(200);
        assert.deepEqual(remote.body, local.body, name);
        assert.deepEqual(local.body, renderMonsterSvg(name, 64), name);
      }
    } finally {
      await embedded.close();
    }
  });
});

describe('monsters are embeddable from any site; the page is not', () => {
  const stack = useStack();
  const app = () => request(stack.app.handler);

  const EMBEDDABLE = {
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
  };
  const embeddable = (headers: Record<string, string>) => ({
    'access-control-allow-origin': headers['access-control-allow-origin'],
    'cross-origin-resource-policy': headers['cross-origin-resource-policy'],
  });

  it('monster answers (200, 304, HEAD, 400; PNG and SVG) may be shown and read by any origin', async () => {
    for (const query of ['', '?format=svg']) {
      const ok = await app()
        .get(`/monster/embed${query}`)
        .set('Origin', 'https://blog.example')
        .expect(200);
      assert.deepEqual(embeddable(ok.headers), EMBEDDABLE, `200 ${query}`);
      const head = await app().head(`/monster/embed${query}`).expect(200);
      assert.deepEqual(embeddable(head.headers), EMBEDDABLE, `HEAD ${query}`);
      const notModified = await app()
        .get(`/monster/embed${query}`)
        .set('If-None-Match', String(ok.headers.etag))
        .expect(304);
      assert.deepEqual(embeddable(notModified.headers), EMBEDDABLE, `304 ${query}`);
    }
    const bad = await app().get('/monster/embed?size=9').expect(400);
    assert.deepEqual(embeddable(bad.headers), EMBEDDABLE, '400');
    // Still no script may run inside one, even opened on its own.
    assert.match(String(bad.headers['content-security-policy']), /script-src 'none'/);
  });

  it('answers a CORS preflight for a monster: 204, GET and HEAD, for a day', async () => {
    const preflight = await app()
      .options('/monster/embed?format=svg')
      .set('Origin', 'https://blog.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'if-none-match')
      .expect(204);
    assert.equal(preflight.headers['access-control-allow-origin'], '*');
    assert.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD');
    assert.equal(preflight.headers['access-control-allow-headers'], 'If-None-Match');
    assert.equal(preflight.headers['access-control-max-age'], '86400');
    assert.equal(preflight.text, '');
  });

  it('keeps the page same-origin: no CORS, CORP same-origin', async () => {
    for (const page of [app().get('/'), app().post('/').type('form').send({ name: 'Ada' })]) {
      const response = await page.set('Origin', 'https://elsewhere.example').expect(200);
      assert.equal(response.headers['access-control-allow-origin'], undefined);
      assert.equal(response.headers['cross-origin-resource-policy'], 'same-origin');
    }
  });
});
