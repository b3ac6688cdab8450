import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../support/app-process.js';

/** A raw TCP client, to behave as no well-mannered HTTP client would. */
async function connect(
  port: number,
): Promise<{ socket: net.Socket; received: () => string; closed: Promise<number> }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined); // a reset is one of the outcomes under test
  const opened = performance.now();
  const closed = new Promise<number>((resolve) => {
    socket.once('close', () => {
      resolve(performance.now() - opened);
    });
  });
  return { socket, received: () => received, closed };
}

describe('server limits and shutdown (the app as a process)', () => {
  it('exits 0 at once on SIGTERM, whatever idle or half-open connections are open', async (t) => {
    const { process: app, port } = await startApp();
    try {
      const silent = await connect(port); // connected, sent nothing
      const partial = await connect(port);
      partial.socket.write('GET /monster/half HTTP/1.1\r\nHost: identidock\r\n'); // never ends
      const agent = new http.Agent({ keepAlive: true });
      await new Promise<void>((resolve, reject) => {
        http
          .get({ port, host: '127.0.0.1', path: '/healthz', agent }, (res) => {
            res.resume().on('end', resolve);
          })
          .on('error', reject);
      }); // leaves an idle kept-alive connection
      await sleep(100);

      const signalled = performance.now();
      app.signal('SIGTERM');
      assert.equal(await app.exited(), 0);
      const took = performance.now() - signalled;
      t.diagnostic(`shutdown with 3 idle or half-open connections: ${Math.round(took)} ms`);
      assert.ok(took < 1500, `shutdown took ${Math.round(took)} ms`);
      await Promise.all([silent.closed, partial.closed]);
      agent.destroy();
      assert.match(app.output(), /Shut down cleanly/);
    } finally {
      await app.stop('SIGKILL');
    }
  });

  it('cuts a client that never finishes its headers, and one whose body trickles', async (t) => {
    const { process: app, port } = await startApp({
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '2000',
    });
    try {
      const slowHeaders = await connect(port);
      slowHeaders.socket.write('GET / HTTP/1.1\r\nHost: identidock\r\n');
      const slowBody = await connect(port);
      slowBody.socket.write(
        'POST / HTTP/1.1\r\nHost: identidock\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=',
      );
      const trickle = setInterval(() => slowBody.socket.write('x'), 200);
      try {
        const [headersCut, bodyCut] = await Promise.all([slowHeaders.closed, slowBody.closed]);
        t.diagnostic(
          `cut after ${Math.round(headersCut)} ms (headers), ${Math.round(bodyCut)} ms (body)`,
        );
        assert.ok(
          headersCut >= 900 && headersCut < 3000,
          `headers cut after ${Math.round(headersCut)} ms`,
        );
        assert.ok(bodyCut >= 1900 && bodyCut < 4500, `body cut after ${Math.round(bodyCut)} ms`);
        assert.match(slowHeaders.received(), /^HTTP\/1\.1 408/);
        assert.match(slowBody.received(), /^HTTP\/1\.1 408/);
      } finally {
        clearInterval(trickle);
      }
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    } finally {
      await app.stop();
    }
  });

  it('closes new connections past MAX_CONNECTIONS and keeps serving those it has', async () => {
    const { process: app, port } = await startApp({ MAX_CONNECTIONS: '3' });
    const held = await Promise.all([connect(port), connect(port), connect(port)]);
    try {
      await sleep(100);
      const refused = await connect(port);
      refused.socket.write('GET /healthz HTTP/1.1\r\nHost: identidock\r\n\r\n');
      const cut = await refused.closed;
      assert.ok(cut < 1000, `the connection over the cap lived ${Math.round(cut)} ms`);
      assert.equal(refused.received(), '', 'it was served');
      for (const { socket, received } of held) {
        socket.write('GET /healthz HTTP/1.1\r\nHost: identidock\r\n\r\n');
        await sleep(200);
        assert.match(received(), /^HTTP\/1\.1 200 OK/);
      }
    } finally {
      for (const { socket } of held) socket.destroy();
      await app.stop();
    }
  });
});
