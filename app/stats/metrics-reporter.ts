import type { Registry } from 'prom-client';
import { METRICS_REPLY_TOPIC, isMetricsRequest, type MetricsReply } from './metrics-protocol.js';

/**
 * In a pm2 worker: answers the stats process's requests for this worker's metrics, so that
 * :9191/metrics can sum every worker's. Nothing happens outside pm2 (no IPC channel).
 */
export function reportMetricsToStats(registry: Registry): void {
  const send = process.send?.bind(process);
  if (!send) return;
  process.on('message', (message: unknown) => {
    if (!isMetricsRequest(message)) return;
    void registry.getMetricsAsJSON().then((metrics) => {
      const data: MetricsReply = {
        topic: METRICS_REPLY_TOPIC,
        request: message.data.request,
        metrics,
      };
      send({ type: 'process:msg', data });
    });
  });
}
