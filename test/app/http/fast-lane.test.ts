import assert from 'node:assert/strict';
import http, { type RequestListener } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { rawRequest, type RawReply } from '../../support/raw-get.js';
import { buildApp, type TestApp } from '../../support/test-app.js';
import { serveOnLoopback } from '../../support/serve.js';

interface Exchange {
  readonly method: string;
  readonly path: string;
  readonly headers?: http.OutgoingHttpHeaders;
}

/** What a client sees, less the Date header (the clock moves between the two lanes). */
function seen(reply: RawReply): {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
} {
  const { date, ...headers } = reply.headers;
  assert.ok(date);
  return { status: reply.status, headers, body: reply.body.toString('base64') };
}

/** The access lines an app logged, without what differs from run to run. */
function accessLines(app: TestApp): unknown[] {
  return app.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => 'req' in entry)
    .map(({ req, res, cache, msg }) => ({ req, res, cache, msg }));
}

const requestCounts = (metrics: string): string[] =>
  metrics.split('\n').filter((line) => line.startsWith('identidock_http_requests_total{'));

describe('the fast lane answers exactly as express does', () => {
  // Two identical apps, each with its own cache: one served through the fast lane (as in
  // production), the other by express alone. Both get the same requests in the same order.
  let fast: TestApp;
  let plain: TestApp;
  const ports: number[] = [];
  const servers: http.Server[] = [];

  const listen = async (handler: RequestListener): Promise<number> => {
    const { server, port } = await serveOnLoopback(handler);
    servers.push(server);
    return port;
  };

  before(async () => {
    [fast, plain] = await Promise.all([buildApp({}), buildApp({})]);
    ports.push(await listen(fast.handler), await listen(plain.app));
  });
  after(async () => {
    for (const server of servers) server.close();
    await Promise.all([fast.close(), plain.close()]);
  });

  const both = async (exchange: Exchange): Promise<[RawReply, RawReply]> => {
    const [viaFastLane, viaExpress] = await Promise.all(
      ports.map((port) => rawRequest(port, exchange.method, exchange.path, exchange.headers)),
    );
    assert.ok(viaFastLane && viaExpress);
    return [viaFastLane, viaExpress];
  };

  it('sends the same status, headers and bytes for every kind of request', async () => {
    const [firstPage] = await both({ method: 'GET', path: '/' });
    const [firstMonster] = await both({ method: 'GET', path: '/monster/alice?size=40' });
    const pageTag = String(firstPage.headers.etag);
    const monsterTag = String(firstMonster.headers.etag);
    const exchanges: Exchange[] = [
      { method: 'GET', path: '/' },
      { method: 'HEAD', path: '/' },
      { method: 'GET', path: '/', headers: { 'if-none-match': pageTag } },
      { method: 'GET', path: '/', headers: { 'if-none-match': '"stale"' } },
      { method: 'GET', path: '/monster/alice' }, // a miss, then
      { method: 'GET', path: '/monster/alice' }, // a hit
      { method: 'HEAD', path: '/monster/alice' },
      { method: 'GET', path: '/monster/alice?size=40' },
      { method: 'GET', path: '/monster/alice?size=40', headers: { 'if-none-match': monsterTag } },
      { method: 'HEAD', path: '/monster/alice?size=40', headers: { 'if-none-match': monsterTag } },
      {
        method: 'GET',
        path: '/monster/alice?size=40',
        headers: { 'if-none-match': `W/${monsterTag}` },
      },
      {
        method: 'GET',
        path: '/monster/alice?size=40',
        headers: { 'if-none-match': `"x", ${monsterTag}` },
      },
      { method: 'GET', path: '/monster/alice?size=40', headers: { 'if-none-match': '*' } },
      { method: 'GET', path: '/monster/alice?size=40', headers: { 'if-none-match': '"other"' } },
      { method: 'GET', path: '/monster/.' },
      { method: 'GET', path: '/monster/..' },
      { method: 'GET', path: '/monster/~-_' },
      { method: 'GET', path: `/monster/${'n'.repeat(128)}` },
      { method: 'GET', path: `/monster/${'n'.repeat(129)}` },
      { method: 'GET', path: '/monster/bad%20name' },
      { method: 'GET', path: '/monster/%41lice' }, // encoded: express decodes it
      { method: 'GET', path: '/monster/alice?size=15' },
      { method: 'GET', path: '/monster/alice?size=513' },
      { method: 'GET', path: '/monster/alice?size=' },
      { method: 'GET', path: '/monster/alice?size=80&size=90' },
      { method: 'GET', path: '/monster/alice?size=80&x=1' },
      { method: 'GET', path: '/monster/alice?x=1' },
      { method: 'GET', path: '/monster/' },
      { method: 'GET', path: '/monster/a/b' },
      { method: 'GET', path: '/monster/alice?format=svg' }, // a miss, then
      { method: 'GET', path: '/monster/alice?format=svg' }, // a hit
      { method: 'HEAD', path: '/monster/alice?format=svg' },
      { method: 'GET', path: '/monster/alice?size=40&format=svg' },
      { method: 'GET', path: '/monster/alice?format=svg&size=40' },
      { method: 'GET', path: '/monster/alice?format=png&size=40' },
      { method: 'GET', path: '/monster/alice?format=png' },
      { method: 'GET', path: '/monster/alice?format=gif' },
      { method: 'GET', path: '/monster/alice?format=' },
      { method: 'GET', path: '/monster/alice?format=svg&format=png' },
      { method: 'GET', path: '/monster/alice?size=40&format=svg&x=1' },
      { method: 'GET', path: '/monster/alice?size=40&' },
      { method: 'GET', path: '/monster/alice?' },
      {
        method: 'OPTIONS',
        path: '/monster/alice?format=svg',
        headers: { origin: 'http://elsewhere.example', 'access-control-request-method': 'GET' },
      },
      { method: 'GET', path: '/?name=x' },
      { method: 'POST', path: '/monster/alice' },
      { method: 'GET', path: '/nope' },
    ];
    for (const exchange of exchanges) {
      const [viaFastLane, viaExpress] = await both(exchange);
      assert.deepEqual(seen(viaFastLane), seen(viaExpress), `${exchange.method} ${exchange.path}`);
    }
    // The requests that matter most did go through the fast lane's own code.
    const [hit] = await both({ method: 'GET', path: '/monster/alice' });
    assert.equal(hit.headers['x-cache'], 'HIT');
    assert.match(String(hit.headers['content-security-policy']), /default-src 'none'/);
    const [svgHit] = await both({ method: 'GET', path: '/monster/alice?size=40&format=svg' });
    assert.equal(svgHit.headers['x-cache'], 'HIT');
    assert.equal(svgHit.headers['content-type'], 'image/svg+xml');
  });

  it('logs the same access lines and counts the same requests', async () => {
    for (const path of [
      '/',
      '/monster/bob',
      '/monster/bob',
      '/monster/bob?size=64',
      '/monster/b%20b',
    ]) {
      await both({ method: 'GET', path });
    }
    assert.deepEqual(accessLines(fast), accessLines(plain));
    const metrics = await Promise.all(
      ports.map(async (port) => (await rawRequest(port, 'GET', '/metrics')).body.toString()),
    );
    assert.deepEqual(requestCounts(metrics[0] ?? ''), requestCounts(metrics[1] ?? ''));
    assert.ok(
      requestCounts(metrics[0] ?? '').some((line) =>
        line.includes('method="GET",route="/monster/:name",status="200"'),
      ),
    );
  });
});
