import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/**
 * How the stats process (:9191) collects every pm2 worker's metrics: it sends each worker
 * a request through pm2 (`sendDataToProcessId`), and each worker answers on pm2's bus
 * (`process.send({ type: 'process:msg', data })`).
 */
export const METRICS_REQUEST_TOPIC = 'identidock:metrics?';
export const METRICS_REPLY_TOPIC = 'identidock:metrics';

export type WorkerMetrics = MetricObjectWithValues<MetricValue<string>>[];

/** What pm2 delivers to a worker. */
export interface MetricsRequest {
  readonly topic: typeof METRICS_REQUEST_TOPIC;
  readonly data: { readonly request: number };
}

/** What a worker puts on the bus. */
export interface MetricsReply {
  readonly topic: typeof METRICS_REPLY_TOPIC;
  readonly request: number;
  readonly metrics: WorkerMetrics;
}

export function isMetricsRequest(message: unknown): message is MetricsRequest {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { topic?: unknown }).topic === METRICS_REQUEST_TOPIC
  );
}

export function isMetricsReply(data: unknown): data is MetricsReply {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { topic?: unknown }).topic === METRICS_REPLY_TOPIC
  );
}
