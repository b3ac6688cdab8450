import express, { Router, type Request } from 'express';
import { identityHash } from '../identity.js';
import { DEFAULT_NAME, MAX_NAME_LENGTH, errorPage, monsterPage } from '../views/page.js';

/** The form is one short field, so anything past a few KB is not a real submission. */
export const FORM_BODY_LIMIT = '4kb';

function submittedName(req: Request): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && 'name' in body ? body.name : undefined;
}

/** `GET /` shows the default name's monster; `POST /` (the form) shows the typed name's. */
export function pageRoutes(salt: string): Router {
  const router = Router();
  const page = (name: string): string => monsterPage(name, identityHash(salt, name));

  router.get('/', (_req, res) => {
    res.type('html').send(page(DEFAULT_NAME));
  });

  router.post('/', express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT }), (req, res) => {
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
    res.type('html').send(page(name));
  });

  return router;
}
