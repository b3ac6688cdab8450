import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it, mock } from 'node:test';
import { REPO_ROOT } from '../support/paths.js';
import { freePort, isListening, waitFor } from '../support/wait.js';

/** The gate in front of redis-commander (plain CommonJS, as its image runs it). */
interface BasicAuthGate {
  authorized(header: string | undefined, user: string, password: string): boolean;
  startBasicAuthProxy(options: {
    port: number;
    upstreamPort: number;
    user: string;
    password: string;
    realm: string;
  }): http.Server;
}
const gate = createRequire(import.meta.url)(
  path.join(REPO_ROOT, 'redis-commander/basic-auth-proxy.cjs'),
) as BasicAuthGate;

const USER = 'operator';
const PASSWORD = 'correct horse: battery staple'; // a colon in a password is legal
const basic = (credentials: string): string =>
  `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('redis-commander basic-auth gate', () => {
  it('lets in the right user and password, and only them', () => {
    assert.equal(gate.authorized(basic(`${USER}:${PASSWORD}`), USER, PASSWORD), true);
    assert.equal(
      gate.authorized(`basic   ${basic(`${USER}:${PASSWORD}`).slice(6)}`, USER, PASSWORD),
      true,
    );
    for (const credentials of [
      `${USER}:wrong`,
      `intruder:${PASSWORD}`,
      `${USER}:`,
      `:${PASSWORD}`,
      `${USER}:${PASSWORD}x`,
      `${USER.toUpperCase()}:${PASSWORD}`,
    ]) {
      assert.equal(gate.authorized(basic(credentials), USER, PASSWORD), false, credentials);
    }
  });

  it('refuses missing and malformed headers', () => {
    for (const header of [
      undefined,
      '',
      'Basic',
      'Basic !!!not-base64!!!',
      `Bearer ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`,
      basic(`${USER}${PASSWORD}`), // no colon
      `Basic ${basic(`${USER}:${PASSWORD}`)}`,
    ]) {
      assert.equal(gate.authorized(header, USER, PASSWORD), false, String(header));
    }
  });

  it('compares in constant time: both fields, fixed-length digests, whatever is wrong', () => {
    const compare = mock.method(crypto, 'timingSafeEqual');
    try {
      for (const credentials of [`x:${PASSWORD}`, `${USER}:x`, `${USER}:${PASSWORD}`, 'a:b']) {
        compare.mock.resetCalls();
        gate.authorized(basic(credentials), USER, PASSWORD);
        assert.equal(
          compare.mock.callCount(),
          2,
          `${credentials}: both user and password compared`,
        );
        for (const call of compare.mock.calls) {
          const [a, b] = call.arguments as [Buffer, Buffer];
          assert.equal(a.length, 32, 'compares sha256 digests, so lengths never leak');
          assert.equal(b.length, 32);
        }
      }
    } finally {
      compare.mock.restore();
    }
  });

  describe('as a server in front of an upstream', () => {
    let upstream: http.Server;
    let proxy: http.Server;
    let url: string;
    const seen: http.IncomingHttpHeaders[] = [];

    before(async () => {
      const upstreamPort = await freePort();
      upstream = http.createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end(`upstream saw ${req.method ?? ''} ${req.url ?? ''}`);
      });
      await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));
      const port = await freePort();
      proxy = gate.startBasicAuthProxy({
        port,
        upstreamPort,
        user: USER,
        password: PASSWORD,
        realm: 'test',
      });
      await waitFor('the gate to listen', () => isListening(port));
      url = `http://127.0.0.1:${port}`;
    });
    after(() => {
      proxy.close();
      upstream.close();
    });

    it('answers 401 with a Basic challenge, and passes nothing upstream', async () => {
      for (const headers of [
        {},
        { authorization: basic(`${USER}:wrong`) },
        { authorization: 'Basic %%%' },
      ]) {
        const response = await fetch(`${url}/secret`, { headers });
        assert.equal(response.status, 401);
        assert.equal(
          response.headers.get('www-authenticate'),
          'Basic realm="test", charset="UTF-8"',
        );
      }
      assert.equal(seen.length, 0);
    });

    it('forwards an authorized request, without its Authorization header', async () => {
      const response = await fetch(`${url}/keys?x=1`, {
        headers: { authorization: basic(`${USER}:${PASSWORD}`) },
      });
      assert.equal(response.status, 200);
      assert.equal(await response.text(), 'upstream saw GET /keys?x=1');
      assert.equal(seen.at(-1)?.authorization, undefined);
    });
  });
});
