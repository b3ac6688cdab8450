// An HTTP basic-auth gate in front of redis-commander. redis-commander 0.9 serves its page to
// anyone and guards only its API (with a sign-in form and tokens); this makes every request,
// page included, answer 401 until the browser sends the right user and password.
'use strict';

const crypto = require('node:crypto');
const http = require('node:http');

/** Constant-time comparison of two strings (of any lengths). */
function same(a, b) {
  const digest = (s) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(a), digest(b));
}

/** True if the request carries `Authorization: Basic` with these credentials. */
function authorized(header, user, password) {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header || '');
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  // Evaluate both comparisons, so a wrong user takes as long as a wrong password.
  const userOk = same(decoded.slice(0, colon), user);
  const passwordOk = same(decoded.slice(colon + 1), password);
  return userOk && passwordOk;
}

/**
 * Listens on `port` (all interfaces) and forwards authorized requests to the upstream
 * on 127.0.0.1:`upstreamPort`, without the Authorization header.
 */
function startBasicAuthProxy({ port, upstreamPort, user, password, realm }) {
  const server = http.createServer((req, res) => {
    if (!authorized(req.headers.authorization, user, password)) {
      res.writeHead(401, {
        'WWW-Authenticate': `Basic realm="${realm}", charset="UTF-8"`,
        'Content-Type': 'text/plain; charset=utf-8',
      });
      res.end('Authentication required\n');
      return;
    }
    const headers = { ...req.headers };
    delete headers.authorization;
    const upstream = http.request(
      { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers },
      (reply) => {
        res.writeHead(reply.statusCode || 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('redis-commander is not answering\n');
    });
    req.pipe(upstream);
  });
  server.listen(port, () => {
    console.log(`basic-auth gate on :${port} -> redis-commander on 127.0.0.1:${upstreamPort}`);
  });
  return server;
}

module.exports = { startBasicAuthProxy, authorized };
