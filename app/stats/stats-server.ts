import http from 'node:http';
import type { WorkerStats } from './worker-stats.js';

/** The workers pm2 runs, as :9191 reports them, and when that was read. */
export interface WorkersSnapshot {
  readonly at: number;
  readonly workers: readonly WorkerStats[];
}

export interface StatsSources {
  /** A snapshot of pm2's process list (read at most once a second). */
  readonly workers: () => Promise<WorkersSnapshot>;
  /** Every web worker's metrics, merged, in Prometheus text. */
  readonly metrics: () => Promise<{ contentType: string; text: string }>;
}

function reply(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

const json = (res: http.ServerResponse, status: number, body: unknown): void => {
  reply(res, status, 'application/json; charset=utf-8', JSON.stringify(body, null, 2));
};

/**
 * The stats endpoint, the analogue of uWSGI's --stats: `GET /metrics` answers the whole
 * container's Prometheus metrics, any other GET every worker's figures as JSON.
 */
export function createStatsServer(sources: StatsSources): http.Server {
  return http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      json(res, 405, { error: 'method not allowed' });
      return;
    }
    if (req.url === '/metrics') {
      sources.metrics().then(
        ({ contentType, text }) => {
          reply(res, 200, contentType, text);
        },
        (error: unknown) => {
          reply(res, 503, 'text/plain; charset=utf-8', `metrics unavailable: ${String(error)}\n`);
        },
      );
      return;
    }
    sources.workers().then(
      ({ at, workers }) => {
        json(res, 200, { generated_at: new Date(at).toISOString(), workers });
      },
      (error: unknown) => {
        json(res, 503, { error: `pm2 is not answering: ${String(error)}` });
      },
    );
  });
}
