import fetch from 'node-fetch';
import type { Registry } from 'prom-client';

/** Prometheus text, and its content type. */
export interface MetricsText {
  readonly contentType: string;
  readonly text: string;
}

export type ReadMetrics = () => Promise<MetricsText>;

const CLUSTER_TIMEOUT_MS = 3000;

/**
 * What `/metrics` answers. In one process, its own registry. Under pm2, where each scrape
 * lands on some worker, the stats process's merge of every worker's (`clusterUrl`): a
 * scrape never gets one worker's view, which would make counters jump back and forth.
 */
export function metricsSource(registry: Registry, clusterUrl: URL | undefined): ReadMetrics {
  if (!clusterUrl) {
    return async () => ({ contentType: registry.contentType, text: await registry.metrics() });
  }
  return async () => {
    const response = await fetch(clusterUrl, { signal: AbortSignal.timeout(CLUSTER_TIMEOUT_MS) });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`the stats process answered ${response.status}: ${text.trim()}`);
    return { contentType: response.headers.get('content-type') ?? registry.contentType, text };
  };
}
