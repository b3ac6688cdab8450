import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  ServerResponse,
} from 'node:http';
import type { Express } from 'express';
import fresh from 'fresh';
import proxyaddr from 'proxy-addr';
import { logAccess } from '../log/access-log.js';
import type { Logger } from '../log/logger.js';
import {
  isMonsterName,
  parseMonsterFormat,
  parseMonsterSize,
  type MonsterSpec,
} from '../monsters/monster-request.js';
import { sendText, serveMonster } from '../monsters/monster-reply.js';
import type { CacheResult } from '../monsters/monster.js';
import type { MonsterService } from '../monsters/monster-service.js';
import type { RecordRequest } from './request-metrics.js';
import { SECURITY_HEADERS } from './security.js';

export interface FastLaneDependencies {
  /** Everything the fast lane does not answer goes here. */
  readonly app: Express;
  readonly monsters: MonsterService;
  readonly logger: Logger;
  readonly recordRequest: RecordRequest;
  /** The page `GET /` answers: the default name's, the same bytes every time. */
  readonly defaultPage: string;
}

const MONSTER_ROUTE = '/monster/:name';
const PAGE_ROUTE = '/';
const MONSTER_PREFIX = '/monster/';

/** The page's bytes and headers, prepared once (with express's own ETag function). */
function preparePage(
  html: string,
  app: Express,
): { body: Buffer; ok: OutgoingHttpHeaders; notModified: OutgoingHttpHeaders } {
  const body = Buffer.from(html);
  const makeEtag = app.get('etag fn') as (body: Buffer, encoding?: string) => string;
  const notModified = { ...SECURITY_HEADERS, ETag: makeEtag(body) };
  return {
    body,
    ok: {
      ...notModified,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
    },
    notModified,
  };
}

/**
 * A plain node:http handler in front of express, for the requests a page of avatars makes
 * by the thousand: `GET`/`HEAD /monster/NAME[?size=N][&format=F]` (either order) and the
 * default page `GET /`. It answers them without express's router and middleware, through the same reply functions
 * as the express route (app/monsters/monster-reply.ts) and with the same headers, metrics
 * and access line; test/app/http/fast-lane.test.ts checks the two lanes answer alike. Anything
 * else (other routes, encoded names, other query strings, bad requests) goes to express
 * untouched.
 */
export function createFastLane(deps: FastLaneDependencies): RequestListener {
  const { app, monsters, logger, recordRequest } = deps;
  const page = preparePage(deps.defaultPage, app);
  const trust = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  const trustsNoProxy = !trust('127.0.0.1', 0) && !trust('::1', 0) && !trust('10.0.0.1', 0);

  const clientOf = (req: IncomingMessage): string | undefined =>
    trustsNoProxy ? req.socket.remoteAddress : proxyaddr(req, trust);

  /** Metrics and the access line, once the response is written. */
  const observe = (
    req: IncomingMessage,
    res: ServerResponse,
    route: string,
    started: number,
    cache?: CacheResult,
  ): void => {
    const elapsed = performance.now() - started;
    const method = req.method ?? '';
    const url = req.url ?? '';
    recordRequest(method, route, res.statusCode, elapsed / 1000);
    logAccess(
      logger,
      { method, url, client: clientOf(req) },
      res.statusCode,
      Math.round(elapsed),
      cache,
    );
  };

  function servePage(req: IncomingMessage, res: ServerResponse, started: number): void {
    if (
      req.headers['if-none-match'] !== undefined &&
      fresh(req.headers, { etag: page.notModified.ETag })
    ) {
      res.writeHead(304, page.notModified).end();
    } else {
      res.writeHead(200, page.ok).end(req.method === 'HEAD' ? undefined : page.body);
    }
    observe(req, res, PAGE_ROUTE, started);
  }

  /**
   * What a plain monster URL asks for: `size` and `format` each at most once, nothing else,
   * no encoding. Anything else is undefined, for express to judge.
   */
  function monsterRequest(url: string): MonsterSpec | undefined {
    const query = url.indexOf('?', MONSTER_PREFIX.length);
    const name = url.slice(MONSTER_PREFIX.length, query === -1 ? undefined : query);
    if (!isMonsterName(name)) return undefined;
    // Unset values parse as the defaults.
    let sizeParam: string | undefined;
    let formatParam: string | undefined;
    for (let start = query + 1; query !== -1 && start <= url.length;) {
      let end = url.indexOf('&', start);
      if (end === -1) end = url.length;
      if (sizeParam === undefined && url.startsWith('size=', start)) {
        sizeParam = url.slice(start + 5, end);
      } else if (formatParam === undefined && url.startsWith('format=', start)) {
        formatParam = url.slice(start + 7, end);
      } else {
        return undefined;
      }
      start = end + 1;
    }
    const size = parseMonsterSize(sizeParam);
    const format = parseMonsterFormat(formatParam);
    return size === undefined || format === undefined ? undefined : { name, size, format };
  }

  return (req, res) => {
    const { method, url = '' } = req;
    if (method !== 'GET' && method !== 'HEAD') {
      app(req, res);
      return;
    }
    const started = performance.now();
    if (url === PAGE_ROUTE) {
      servePage(req, res, started);
      return;
    }
    const wanted = url.startsWith(MONSTER_PREFIX) ? monsterRequest(url) : undefined;
    if (!wanted) {
      app(req, res);
      return;
    }
    const served = serveMonster(req, res, wanted, clientOf, monsters, logger);
    if (typeof served === 'string') {
      observe(req, res, MONSTER_ROUTE, started, served);
      return;
    }
    served.then(
      (cache) => {
        observe(req, res, MONSTER_ROUTE, started, cache);
      },
      (error: unknown) => {
        logger.error({ path: url, err: error }, 'Unhandled error');
        if (res.headersSent) res.destroy();
        else sendText(res, 500, 'Internal server error');
        observe(req, res, MONSTER_ROUTE, started);
      },
    );
  };
}
