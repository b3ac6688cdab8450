import type { Request, RequestHandler } from 'express';
import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '../metrics.js';

/** Counts and times one request, for either lane. */
export type RecordRequest = (
  method: string,
  route: string,
  status: number,
  seconds: number,
) => void;

/**
 * Records requests in the http metrics. prom-client hashes label values on every `inc`,
 * so each combination's child is looked up once and kept: a request then costs two map
 * lookups and two additions.
 */
export function requestRecorder(metrics: Metrics): RecordRequest {
  const counters = new Map<string, Map<string, Map<number, Counter.Internal>>>();
  const timers = new Map<string, Histogram.Internal<'route'>>();
  const counterFor = (method: string, route: string, status: number): Counter.Internal => {
    let byMethod = counters.get(route);
    if (!byMethod)
      counters.set(route, (byMethod = new Map<string, Map<number, Counter.Internal>>()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map<number, Counter.Internal>()));
    let counter = byStatus.get(status);
    if (!counter)
      byStatus.set(status, (counter = metrics.httpRequests.labels(method, route, String(status))));
    return counter;
  };
  const timerFor = (route: string): Histogram.Internal<'route'> => {
    let timer = timers.get(route);
    if (!timer) timers.set(route, (timer = metrics.httpDuration.labels(route)));
    return timer;
  };
  return (method, route, status, seconds) => {
    counterFor(method, route, status).inc();
    timerFor(route).observe(seconds);
  };
}

/** The route pattern (e.g. /monster/:name), so metrics are labelled by route, not by URL. */
function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route) {
    const { path } = route;
    if (typeof path === 'string') return path;
  }
  return 'unmatched';
}

/** The express side: records every request express serves, once its response is sent. */
export function expressRequestMetrics(record: RecordRequest): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      record(req.method, routeOf(req), res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}
