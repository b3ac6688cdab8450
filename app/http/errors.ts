import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../log/logger.js';

/** The 4xx status an error from express or its middleware carries (bad encoding, body too large). */
export function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Paths the app does not serve. The body says no more than that (it never echoes the path). */
export const notFound: RequestHandler = (_req, res) => {
  res.status(404).type('text').send('Not found\n');
};

/**
 * The last resort, for errors no route answered itself (each route owns its expected
 * errors): a client error gets its status and a short reason; anything else is logged with
 * its stack and answered with a bare 500.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      res.status(status).type('text').send('The request could not be read.\n');
      return;
    }
    logger.error({ path: req.path, err: error }, 'Unhandled error');
    res.status(500).type('text').send('Internal server error\n');
  };
}
