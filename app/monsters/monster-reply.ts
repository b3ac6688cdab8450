import type { IncomingMessage, ServerResponse } from 'node:http';
import fresh from 'fresh';
import { MONSTER_HEADERS, SECURITY_HEADERS } from '../http/security.js';
import type { Logger } from '../log/logger.js';
import { monsterHeaders, type CacheResult, type Monster } from './monster.js';
import type { MonsterSpec } from './monster-request.js';
import type { MonsterLookup, MonsterService } from './monster-service.js';
import { RenderLimited } from './render-limit.js';
import { RenderError, type RenderFailure } from './source.js';

/**
 * Writing a monster response. Both lanes, the express route and the fast lane in front of
 * it, answer through these functions, so what a client receives does not depend on which
 * one served it.
 */

const STATUS_BY_FAILURE: Readonly<Record<RenderFailure, number>> = {
  bad_response: 502,
  unavailable: 503,
  timeout: 504,
};

/** The client already has this version (If-None-Match), with express's own rules. */
function clientHasCurrent(req: IncomingMessage, monster: Monster): boolean {
  return req.headers['if-none-match'] !== undefined && fresh(req.headers, { etag: monster.etag });
}

/** 200 with the picture (no body for HEAD), or 304 if the client's copy is current. */
export function sendMonster(
  req: IncomingMessage,
  res: ServerResponse,
  monster: Monster,
  headers = monster.hit,
): void {
  if (clientHasCurrent(req, monster)) {
    res.writeHead(304, headers.notModified).end();
    return;
  }
  res.writeHead(200, headers.ok).end(req.method === 'HEAD' ? undefined : monster.body);
}

function sendLookup(req: IncomingMessage, res: ServerResponse, found: MonsterLookup): CacheResult {
  const { monster, cache } = found;
  const headers = cache === 'HIT' ? monster.hit : monsterHeaders(monster, cache);
  sendMonster(req, res, monster, headers);
  return cache;
}

/**
 * A plain-text answer, with the same headers as every other response (or, for a monster
 * route, `headers`: MONSTER_HEADERS and any of its own).
 */
export function sendText(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = SECURITY_HEADERS,
): void {
  const body = `${message}\n`;
  res
    .writeHead(status, {
      ...headers,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
    })
    .end(body);
}

/** The client's address (through trusted proxies), asked only when a render is needed. */
export type ClientOf = (req: IncomingMessage) => string | undefined;

/**
 * Serves a valid monster request: from memory at once when it can, else from Redis or the
 * renderer. Answers where the monster came from (X-Cache), at once or as a promise, and
 * undefined if it could not be had: past the client's render limit, 429 with when to come
 * back; a renderer failure, 502, 503 or 504 with a short reason, and the log gets its
 * underlying cause too. Anything else is thrown.
 */
export function serveMonster(
  req: IncomingMessage,
  res: ServerResponse,
  wanted: MonsterSpec,
  clientOf: ClientOf,
  monsters: MonsterService,
  logger: Logger,
): CacheResult | Promise<CacheResult | undefined> {
  const remembered = monsters.remembered(wanted);
  if (remembered) {
    sendMonster(req, res, remembered);
    return 'HIT';
  }
  return monsters.get(wanted, clientOf(req)).then(
    (found) => sendLookup(req, res, found),
    (error: unknown) => {
      if (error instanceof RenderLimited) {
        sendText(res, 429, error.message, { ...MONSTER_HEADERS, ...error.headers });
        return undefined;
      }
      if (!(error instanceof RenderError)) throw error;
      const cause = error.cause instanceof Error ? error.cause.message : undefined;
      const { name, size, format } = wanted;
      logger.warn({ name, size, format, cause }, `Render failed: ${error.message}`);
      sendText(res, STATUS_BY_FAILURE[error.reason], error.message, MONSTER_HEADERS);
      return undefined;
    },
  );
}
