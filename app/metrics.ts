import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The app's Prometheus metrics, on a registry of its own (not prom-client's global one),
 * so that several apps built in one process, as in the tests, do not collide.
 * Under pm2 each worker has its own registry; /metrics answers the merge of all of them
 * (app/metrics-source.ts, app/stats/cluster-metrics.ts).
 */
export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'route'>;
  /** result: hit (memory or Redis), miss (rendered), coalesced (joined a render under way). */
  readonly cacheLookups: Counter<'result'>;
  readonly dnmonsterDuration: Histogram<'outcome'>;
  readonly dnmonsterErrors: Counter<'reason'>;
  readonly cacheErrors: Counter<'operation'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'identidock_http_requests_total',
      help: 'HTTP requests served, by method, route and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'identidock_http_request_duration_seconds',
      help: 'Time to serve an HTTP request, by route.',
      labelNames: ['route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    cacheLookups: new Counter({
      name: 'identidock_cache_lookups_total',
      help: 'Monster cache lookups by result: hit, miss (rendered) or coalesced (joined a render already under way).',
      labelNames: ['result'],
      registers,
    }),
    dnmonsterDuration: new Histogram({
      name: 'identidock_dnmonster_request_duration_seconds',
      help: 'Time to get a monster from the renderer, by outcome (ok or error).',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers,
    }),
    dnmonsterErrors: new Counter({
      name: 'identidock_dnmonster_errors_total',
      help: 'Failed renderer requests, by reason: unavailable, timeout or bad_response.',
      labelNames: ['reason'],
      registers,
    }),
    cacheErrors: new Counter({
      name: 'identidock_cache_errors_total',
      help: 'Redis cache operations that failed (the request was served without the cache).',
      labelNames: ['operation'],
      registers,
    }),
  };
}
