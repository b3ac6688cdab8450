import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
} from 'express';
import { clientErrorStatus } from '../http/errors.js';
import { identityHash } from '../identity.js';
import { MAX_NAME_LENGTH, errorPage, monsterPage } from '../views/page.js';

/** The form is one short field, so anything past a few KB is not a real submission. */
export const FORM_BODY_LIMIT = '4kb';

function submittedName(req: Request): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined;
}

/** A form the parser refused gets the page again, saying why, rather than a bare error. */
const formRefused: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const status = clientErrorStatus(error);
  if (status === undefined) {
    next(error);
    return;
  }
  const message =
    status === 413
      ? `The form is too large: at most ${FORM_BODY_LIMIT} is accepted.`
      : 'The form could not be read.';
  res.status(status).type('html').send(errorPage(message));
};

/** The page for `name`: the form, and that name's monster. */
export function namePage(salt: string, name: string): string {
  return monsterPage(name, identityHash(salt, name));
}

/**
 * `GET /` shows the default name's monster (`defaultPage`, made once: it never changes);
 * `POST /` (the form) shows the typed name's.
 */
export function pageRoutes(salt: string, defaultPage: string): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.type('html').send(defaultPage);
  });

  const showTypedName: RequestHandler = (req, res) => {
    const name = submittedName(req);
    if (typeof name !== 'string' || name.trim() === '') {
      res.status(400).type('html').send(errorPage('Please type a name: it is missing or blank.'));
      return;
    }
    if (name.length > MAX_NAME_LENGTH) {
      const message = `That name is too long: ${name.length} characters, the limit is ${MAX_NAME_LENGTH}.`;
      res.status(400).type('html').send(errorPage(message));
      return;
    }
    res.type('html').send(namePage(salt, name));
  };
  const readForm = express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT });
  router.post('/', readForm, showTypedName, formRefused);

  return router;
}
