import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { PAGE_STYLE_HASH } from '../views/page.js';

/**
 * helmet's configuration for this app: a Content-Security-Policy with no script at all,
 * only the page's own inline style (by hash), images and form posts to this origin only.
 */
const protect = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'none'"],
      styleSrc: [`'${PAGE_STYLE_HASH}'`],
      imgSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
  },
  // The app speaks plain HTTP (TLS, where there is any, ends at a proxy in front), so
  // asking browsers to force HTTPS here would break http://localhost.
  strictTransportSecurity: false,
});

/** Runs helmet once, on a stand-in response, and keeps the headers it sets. */
function headersFromHelmet(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = String(value);
      return response;
    },
    removeHeader() {
      // helmet removes X-Powered-By, which the app never sets
    },
  };
  protect(
    Object.create(null) as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      if (error instanceof Error) throw error;
    },
  );
  return Object.freeze(headers);
}

/**
 * Every response's security headers. helmet's output does not depend on the request, so
 * it is computed once here and both lanes (express and the fast lane) send this object.
 */
export const SECURITY_HEADERS = headersFromHelmet();

/** The express middleware: the same headers, set without running helmet per request. */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  };
}
