import express, { type Express } from 'express';
import type { Logger } from './log/logger.js';
import type { Metrics } from './metrics.js';
import type { MonsterService } from './monsters/monster-service.js';
import { errorHandler, notFound } from './http/errors.js';
import { requestObserver } from './http/request-observer.js';
import { securityHeaders } from './http/security.js';
import type { CheckReadiness } from './readiness.js';
import { healthRoutes } from './routes/health-routes.js';
import { monsterRoutes } from './routes/monster-routes.js';
import { pageRoutes } from './routes/page-routes.js';

export interface AppDependencies {
  readonly salt: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly monsters: MonsterService;
  readonly readiness: CheckReadiness;
}

/** The express application: middleware and routes, given ready-made dependencies. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestObserver(deps.logger, deps.metrics));
  app.use(securityHeaders());
  app.use(healthRoutes(deps.readiness, deps.metrics.registry));
  app.use(pageRoutes(deps.salt));
  app.use(monsterRoutes(deps.monsters, deps.logger));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
