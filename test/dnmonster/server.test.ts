import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode } from 'fast-png';
import { renderMonster } from '../../dnmonster/render.js';
import { renderMonsterSvg } from '../../dnmonster/render-svg.js';
import { useDnmonster } from '../support/dnmonster-service.js';
import { rawGet } from '../support/raw-get.js';

describe('dnmonster service over HTTP', () => {
  const dnmonster = useDnmonster();

  const get = (path: string, init?: RequestInit) => fetch(`${dnmonster.url}${path}`, init);

  it('serves a PNG of 20x20 by default, as the original did', async () => {
    const response = await get('/monster/Joe');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    const png = decode(new Uint8Array(await response.arrayBuffer()));
    assert.deepEqual([png.width, png.height], [20, 20]);
  });

  it('honours size, and width and height', async () => {
    const sized = decode(new Uint8Array(await (await get('/monster/Joe?size=80')).arrayBuffer()));
    assert.deepEqual([sized.width, sized.height], [80, 80]);
    const wide = decode(
      new Uint8Array(await (await get('/monster/Joe?width=60&height=30')).arrayBuffer()),
    );
    assert.deepEqual([wide.width, wide.height], [60, 30]);
  });

  it('serves the SVG with ?format=svg, and refuses other formats naming the allowed ones', async () => {
    const svg = await get('/monster/Joe?size=80&format=svg');
    assert.equal(svg.status, 200);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    assert.deepEqual(Buffer.from(await svg.arrayBuffer()), renderMonsterSvg('Joe', 80));
    const png = await get('/monster/Joe?size=80&format=png');
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await png.arrayBuffer()), renderMonster('Joe', 80));
    // Large SVGs cost no more than small ones: drawn at once, not on the pool.
    const large = await get('/monster/Joe?size=1024&format=svg');
    assert.deepEqual(Buffer.from(await large.arrayBuffer()), renderMonsterSvg('Joe', 1024));
    for (const format of ['gif', '', 'SVG']) {
      const refused = await get(`/monster/Joe?format=${format}`);
      assert.equal(refused.status, 400, format);
      assert.equal(await refused.text(), 'format must be one of: png, svg.\n');
    }
  });

  it('answers the same bytes for the same request', async () => {
    const first = Buffer.from(await (await get('/monster/same?size=64')).arrayBuffer());
    const second = Buffer.from(await (await get('/monster/same?size=64')).arrayBuffer());
    assert.deepEqual(first, second);
  });

  it('renders names made of dots exactly as named, from the raw request target', async () => {
    for (const name of ['.', '..', '~', '-', '...']) {
      const reply = await rawGet(dnmonster.port, `/monster/${name}?size=40`);
      assert.equal(reply.status, 200, name);
      assert.deepEqual(reply.body, renderMonster(name, 40), name);
    }
  });

  it('renders large monsters on its worker threads, with the same bytes, many at once', async () => {
    const sizes = [512, 1024, 300, 80, 129];
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        rawGet(dnmonster.port, `/monster/pool-${i}?size=${sizes[i % sizes.length]}`),
      ),
    );
    replies.forEach((reply, i) => {
      const size = sizes[i % sizes.length] ?? 0;
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, renderMonster(`pool-${i}`, size), `pool-${i} at ${size}`);
    });
  });

  it('rejects bad sizes with 400', async () => {
    for (const query of ['size=0', 'size=abc', 'size=1025', 'size=-4', 'width=2.5', 'height=']) {
      const response = await get(`/monster/Joe?${query}`);
      assert.equal(response.status, 400, query);
      assert.match(await response.text(), /must be an integer from 1 to 1024/);
    }
  });

  it('answers 404 for other paths, 405 for other methods, and /healthz', async () => {
    assert.equal((await get('/')).status, 404);
    assert.equal((await get('/monster/')).status, 404);
    assert.equal((await get('/monster/a/b')).status, 404);
    assert.equal((await get('/monster/Joe', { method: 'POST' })).status, 405);
    const health = await get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok\n');
  });
});
