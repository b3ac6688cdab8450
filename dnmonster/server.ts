import http from 'node:http';
import { CONTENT_TYPES, FORMAT_RULE, parseFormat } from './formats.js';
import { DNMONSTER_SIZE } from './limits.js';
import type { Render } from './render-pool.js';

/** Where a request line goes: the service logs one line per request. */
export type LogLine = (line: string) => void;

class BadRequest extends Error {}

const TEXT = 'text/plain; charset=utf-8';
const MONSTER_PATH = /^\/monster\/([^/]{1,256})$/;

/** Reads an optional integer query parameter, rejecting anything that is not a plain integer in range. */
function sizeParam(query: URLSearchParams, key: string, fallback: number): number {
  const raw = query.get(key);
  if (raw === null) return fallback;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= DNMONSTER_SIZE.min && value <= DNMONSTER_SIZE.max)) {
    throw new BadRequest(
      `${key} must be an integer from ${DNMONSTER_SIZE.min} to ${DNMONSTER_SIZE.max}`,
    );
  }
  return value;
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The request target split as sent. Not through `new URL`: URL resolution removes dot
 * segments, and "." and ".." are names like any other here (`GET /monster/..`).
 */
function target(req: http.IncomingMessage): { path: string; query: URLSearchParams } {
  const raw = req.url ?? '/';
  const mark = raw.indexOf('?');
  return mark === -1
    ? { path: raw, query: new URLSearchParams() }
    : { path: raw.slice(0, mark), query: new URLSearchParams(raw.slice(mark + 1)) };
}

async function handle(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  render: Render,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, 405, TEXT, 'method not allowed\n');
    return;
  }
  const { path, query } = target(req);
  if (path === '/healthz') {
    send(res, 200, TEXT, 'ok\n');
    return;
  }
  const match = MONSTER_PATH.exec(path);
  if (!match?.[1]) {
    send(res, 404, TEXT, 'not found: try /monster/NAME?size=N\n');
    return;
  }
  let name: string, width: number, height: number;
  const format = parseFormat(query.get('format'));
  if (format === undefined) {
    send(res, 400, TEXT, `${FORMAT_RULE}\n`);
    return;
  }
  try {
    name = decodeURIComponent(match[1]);
    const size = sizeParam(query, 'size', DNMONSTER_SIZE.default);
    width = sizeParam(query, 'width', size);
    height = sizeParam(query, 'height', size);
  } catch (error) {
    if (error instanceof BadRequest || error instanceof URIError) {
      send(res, 400, TEXT, `${error.message}\n`);
      return;
    }
    throw error;
  }
  send(res, 200, CONTENT_TYPES[format], await render(name, width, height, format));
}

/**
 * The dnmonster HTTP service: `GET /monster/:name?size=N` (or width/height, and
 * `format=png|svg`) and `/healthz`. `render` draws the picture: on the event loop or on a worker thread (dnmonster/render-pool.ts).
 */
export function createDnmonsterServer(log: LogLine, render: Render): http.Server {
  return http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method ?? '?'} ${req.url ?? '?'} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    handle(req, res, render).catch((error: unknown) => {
      log(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) send(res, 500, TEXT, 'internal error\n');
    });
  });
}
