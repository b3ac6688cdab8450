import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { RenderError, type RenderFailure } from '../monsters/source.js';
import { FORM_BODY_LIMIT } from '../routes/page-routes.js';
import { errorPage } from '../views/page.js';

const STATUS_BY_FAILURE: Readonly<Record<RenderFailure, number>> = {
  bad_response: 502,
  unavailable: 503,
  timeout: 504,
};

/** The status of an error thrown by express's own middleware (body parsing), if it has one. */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('status' in error)) return undefined;
  const { status } = error;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).type('text').send(`Not found: ${req.method} ${req.path}\n`);
};

/** Turns errors into short answers: renderer failures as 502/503/504, the rest as 4xx/500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof RenderError) {
      res.status(STATUS_BY_FAILURE[error.reason]).type('text').send(`${error.message}\n`);
      return;
    }
    const status = clientErrorStatus(error);
    if (status !== undefined) {
      const message =
        status === 413
          ? `The form is too large: at most ${FORM_BODY_LIMIT} is accepted.`
          : 'The request could not be read.';
      if (req.path === '/') res.status(status).type('html').send(errorPage(message));
      else res.status(status).type('text').send(`${message}\n`);
      return;
    }
    logger.error('Unhandled error', {
      path: req.path,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    res.status(500).type('text').send('Internal server error\n');
  };
}
