import http from 'node:http';
import { DEFAULT_SIZE, MAX_SIZE, MIN_SIZE, renderMonster } from './render.js';

/** Where a request line goes: the service logs one line per request. */
export type LogLine = (line: string) => void;

class BadRequest extends Error {}

/** Reads an optional integer query parameter, rejecting anything that is not a plain integer in range. */
function sizeParam(query: URLSearchParams, key: string, fallback: number): number {
  const raw = query.get(key);
  if (raw === null) return fallback;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= MIN_SIZE && value <= MAX_SIZE)) {
    throw new BadRequest(`${key} must be an integer from ${MIN_SIZE} to ${MAX_SIZE}`);
  }
  return value;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://dnmonster');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (url.pathname === '/healthz') {
    send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
    return;
  }
  const match = /^\/monster\/([^/]{1,256})$/.exec(url.pathname);
  if (!match?.[1]) {
    send(res, 404, 'text/plain; charset=utf-8', 'not found: try /monster/NAME?size=N\n');
    return;
  }
  try {
    const name = decodeURIComponent(match[1]);
    const size = sizeParam(url.searchParams, 'size', DEFAULT_SIZE);
    const width = sizeParam(url.searchParams, 'width', size);
    const height = sizeParam(url.searchParams, 'height', size);
    send(res, 200, 'image/png', renderMonster(name, width, height));
  } catch (error) {
    if (error instanceof BadRequest || error instanceof URIError) {
      send(res, 400, 'text/plain; charset=utf-8', `${error.message}\n`);
      return;
    }
    throw error;
  }
}

/** The dnmonster HTTP service: `GET /monster/:name?size=N` (or width/height) and `/healthz`. */
export function createDnmonsterServer(log: LogLine): http.Server {
  return http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method ?? '?'} ${req.url ?? '?'} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    try {
      handle(req, res);
    } catch (error) {
      log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error\n');
    }
  });
}
