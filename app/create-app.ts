import express, { type Express } from 'express';
import type { TrustProxy } from './config.js';
import { errorHandler, notFound } from './http/errors.js';
import { expressRequestMetrics, type RecordRequest } from './http/request-metrics.js';
import { securityHeaders } from './http/security.js';
import { expressAccessLog } from './log/access-log.js';
import type { Logger } from './log/logger.js';
import type { ReadMetrics } from './metrics-source.js';
import type { MonsterService } from './monsters/monster-service.js';
import type { CheckReadiness } from './readiness.js';
import { healthRoutes } from './routes/health-routes.js';
import { monsterRoutes } from './routes/monster-routes.js';
import { pageRoutes } from './routes/page-routes.js';

export interface AppDependencies {
  readonly salt: string;
  /** The page of the default name, made once. */
  readonly defaultPage: string;
  readonly trustProxy: TrustProxy;
  readonly logger: Logger;
  readonly metrics: ReadMetrics;
  readonly metricsAllow: string;
  readonly recordRequest: RecordRequest;
  readonly monsters: MonsterService;
  readonly readiness: CheckReadiness;
}

/** The express application: middleware and routes, given ready-made dependencies. */
export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip (and so the access log) names the client a trusted proxy forwarded for.
  app.set('trust proxy', deps.trustProxy);
  app.use(expressAccessLog(deps.logger));
  app.use(expressRequestMetrics(deps.recordRequest));
  app.use(securityHeaders());
  app.use(pageRoutes(deps.salt, deps.defaultPage));
  app.use(monsterRoutes(deps.monsters, deps.logger));
  app.use(healthRoutes(deps.readiness, deps.metrics, deps.metricsAllow));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
