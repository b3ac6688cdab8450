import { Router } from 'express';
import type { Registry } from 'prom-client';
import type { SharedCacheState } from '../cache/shared-cache.js';

export interface Readiness {
  /** ready: monsters can be served. Redis being down only means they are served uncached. */
  readonly status: 'ready' | 'unavailable';
  readonly dnmonster: 'ready' | 'down' | 'embedded';
  readonly redis: SharedCacheState | 'not configured';
}

/** `/healthz` (the process answers), `/readyz` (it can serve monsters), `/metrics`. */
export function healthRoutes(readiness: () => Promise<Readiness>, registry: Registry): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const state = await readiness();
    res.status(state.status === 'ready' ? 200 : 503).json(state);
  });

  router.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  return router;
}
