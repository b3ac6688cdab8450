import type { Request, RequestHandler } from 'express';
import type { Logger } from '../log/logger.js';
import type { Metrics } from '../metrics.js';

/** The route pattern (e.g. /monster/:name), so metrics are labelled by route, not by URL. */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route) {
    const { path } = route;
    if (typeof path === 'string') return path;
  }
  return 'unmatched';
}

/** One log line and the request metrics for every request, once its response is sent. */
export function requestObserver(logger: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      metrics.httpDuration.observe({ route }, seconds);
      const cache = res.getHeader('X-Cache');
      logger.info(`${req.method} ${req.originalUrl} ${res.statusCode}`, {
        ms: Math.round(seconds * 1e5) / 100,
        cache: typeof cache === 'string' ? cache : undefined,
      });
    });
    next();
  };
}
