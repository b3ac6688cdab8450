import type { Request, RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from './logger.js';

/**
 * One access line per request, the same whichever lane served it:
 *   {"req":{"method","url","client"},"res":{"statusCode"},"responseTime":ms,"cache":"HIT","msg":"GET /x 200"}
 * `client` is the peer's address, or the client's as told by a trusted proxy (TRUST_PROXY).
 */
export interface AccessRequest {
  readonly method: string;
  readonly url: string;
  readonly client: string | undefined;
}

const message = (method: string, url: string, status: number): string =>
  `${method} ${url} ${status}`;

/**
 * The X-Cache header express sent, if any. (express sets headers one by one before a
 * route writes, so node keeps them all readable; the fast lane knows its own.)
 */
const cacheOf = (res: Response): string | undefined => {
  const cache = res.getHeader('X-Cache');
  return typeof cache === 'string' ? cache : undefined;
};

/** The fast lane's access line (it has no express request to hand to pino-http). */
export function logAccess(
  logger: Logger,
  req: AccessRequest,
  status: number,
  responseTime: number,
  cache: string | undefined,
): void {
  logger.info(
    { req, res: { statusCode: status }, responseTime, cache },
    message(req.method, req.url, status),
  );
}

/** express's access lines: pino-http, shaped like the fast lane's. */
export function expressAccessLog(logger: Logger): RequestHandler {
  const summary = (req: Request): AccessRequest => ({
    method: req.method,
    url: req.originalUrl,
    client: req.ip,
  });
  const withCache = (res: Response, fields: object): object => ({
    ...fields,
    cache: cacheOf(res),
  });
  return pinoHttp<Request, Response>({
    logger,
    wrapSerializers: false,
    serializers: {
      req: summary,
      res: (res: Response) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req, res) => message(req.method, req.originalUrl, res.statusCode),
    customErrorMessage: (req, res) => message(req.method, req.originalUrl, res.statusCode),
    customSuccessObject: (_req, res, fields: object) => withCache(res, fields),
    customErrorObject: (_req, res, _error, fields: object) => withCache(res, fields),
  });
}
