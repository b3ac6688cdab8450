import { Router } from 'express';
import proxyaddr from 'proxy-addr';
import type { ReadMetrics } from '../metrics-source.js';
import type { CheckReadiness } from '../readiness.js';

/**
 * `/healthz` (the process answers), `/readyz` (it can serve monsters), `/metrics` (for
 * clients METRICS_ALLOW lets in: by default the machine and private networks only).
 */
export function healthRoutes(
  readiness: CheckReadiness,
  metrics: ReadMetrics,
  metricsAllow: string,
): Router {
  const router = Router();
  const mayReadMetrics = proxyaddr.compile(metricsAllow.split(/\s*,\s*/));
  const noStore = { 'Cache-Control': 'no-store' };

  router.get('/healthz', (_req, res) => {
    res.set(noStore).json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const state = await readiness();
    res
      .set(noStore)
      .status(state.status === 'ready' ? 200 : 503)
      .json(state);
  });

  router.get('/metrics', async (req, res) => {
    res.set(noStore);
    // req.ip: the peer, or the client a trusted proxy names (TRUST_PROXY).
    if (!mayReadMetrics(req.ip ?? '', 0)) {
      res
        .status(403)
        .type('text')
        .send('Metrics are served to the local and private networks only.\n');
      return;
    }
    try {
      const { contentType, text } = await metrics();
      res.type(contentType).send(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      res.status(503).type('text').send(`metrics unavailable: ${reason}\n`);
    }
  });

  return router;
}
