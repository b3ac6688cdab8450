import { AggregatorRegistry } from 'prom-client';
import { METRICS_REQUEST_TOPIC, isMetricsReply, type WorkerMetrics } from './metrics-protocol.js';

/** What the stats process needs of pm2 to collect metrics. */
export interface Pm2Messaging {
  /** pm_ids of the web workers online now. */
  workers(): Promise<number[]>;
  /** Sends a worker a message through pm2. */
  send(pmId: number, message: { topic: string; data: object }): Promise<void>;
  /** Calls `listener` with what each worker puts on pm2's bus. */
  onMessage(listener: (pmId: number, data: unknown) => void): void;
}

export class MetricsUnavailable extends Error {}

/**
 * Every gauge sample gets a `worker` label (its pm_id), so each worker's stays its own;
 * counters and histograms have none added, so they are summed across workers.
 */
function labelGauges(metrics: WorkerMetrics, pmId: number): WorkerMetrics {
  const worker = String(pmId);
  // prom-client's typings call `type` an enum; getMetricsAsJSON gives its name as a string.
  return metrics.map((metric) =>
    (metric.type as unknown) === 'gauge'
      ? { ...metric, values: metric.values.map((v) => ({ ...v, labels: { ...v.labels, worker } })) }
      : metric,
  );
}

/**
 * The whole container's metrics in Prometheus text: each web worker is asked for its own,
 * and prom-client's aggregator merges them. If a worker does not answer within `timeoutMs`,
 * the scrape fails (MetricsUnavailable) rather than report sums that would jump back.
 */
export function clusterMetrics(
  pm2: Pm2Messaging,
  timeoutMs: number,
): () => Promise<{ contentType: string; text: string }> {
  let nextRequest = 0;
  const pending = new Map<number, (pmId: number, metrics: WorkerMetrics) => void>();
  pm2.onMessage((pmId, data) => {
    if (isMetricsReply(data)) pending.get(data.request)?.(pmId, data.metrics);
  });

  return async () => {
    const workers = await pm2.workers();
    if (workers.length === 0) throw new MetricsUnavailable('no web worker is online');
    const request = ++nextRequest;
    const received = new Map<number, WorkerMetrics>();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          const missing = workers.filter((id) => !received.has(id));
          reject(
            new MetricsUnavailable(
              `no metrics from worker ${missing.join(', ')} within ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        pending.set(request, (pmId, metrics) => {
          if (!workers.includes(pmId)) return;
          received.set(pmId, metrics);
          if (received.size === workers.length) {
            clearTimeout(timer);
            resolve();
          }
        });
        for (const pmId of workers) {
          pm2
            .send(pmId, { topic: METRICS_REQUEST_TOPIC, data: { request } })
            .catch((error: unknown) => {
              clearTimeout(timer);
              reject(new MetricsUnavailable(`cannot ask worker ${pmId}: ${String(error)}`));
            });
        }
      });
    } finally {
      pending.delete(request);
    }
    const merged = AggregatorRegistry.aggregate(
      [...received].map(([pmId, metrics]) => labelGauges(metrics, pmId)),
    );
    return { contentType: merged.contentType, text: await merged.metrics() };
  };
}
