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

/**
 * Monster responses are made to be embedded by other sites: any origin may show them
 * (Cross-Origin-Resource-Policy) and read them, in a canvas say (CORS). They carry no
 * credentials and nothing private, so `*` is right. The page keeps SECURITY_HEADERS'
 * same-origin policies.
 */
export const MONSTER_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...SECURITY_HEADERS,
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
  // Lets other sites' scripts read these, beyond the CORS-safelisted ones.
  'Access-Control-Expose-Headers': 'ETag, X-Cache, Retry-After, RateLimit, RateLimit-Policy',
});

/** The answer to a CORS preflight for a monster: GET and HEAD, from anywhere, for a day. */
export const MONSTER_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...MONSTER_HEADERS,
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Allow-Headers': 'If-None-Match',
  'Access-Control-Max-Age': '86400',
  'Content-Length': '0',
});

/** The express middleware: the same headers, set without running helmet per request. */
export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  };
}
