import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { CheckReadiness } from '../readiness.js';

/** `/healthz` (the process answers), `/readyz` (it can serve monsters), `/metrics`. */
export function healthRoutes(readiness: CheckReadiness, registry: Registry): Router {
  const router = Router();
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

  router.get('/metrics', async (_req, res) => {
    res
      .set(noStore)
      .type(registry.contentType)
      .send(await registry.metrics());
  });

  return router;
}
