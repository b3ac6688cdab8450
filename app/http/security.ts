import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { PAGE_STYLE_HASH } from '../views/page.js';

/**
 * Security headers from helmet, with a Content-Security-Policy tightened for this app:
 * no script at all, only the page's own inline style (by hash), images and form posts
 * to this origin only.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
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
}
