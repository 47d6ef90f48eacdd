import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * Content Security Policy of everything the API serves: the Angular console (its own scripts only; Angular
 * inserts component styles as `<style>` elements, hence inline styles), the customer portal `/bayar` and the
 * sandbox pay page (an inline `<style>`, no scripts), Swagger UI at `/api/docs` (its own scripts, inline
 * styles, data: images). Forms may post to the API and, after the portal's 303, to a gateway's https checkout.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'", 'https:'],
    'frame-ancestors': ["'none'"],
  },
};

/**
 * Security headers on every response (helmet: CSP above, HSTS, nosniff, frame and referrer policies, no
 * `X-Powered-By`). CORS stays off: Nest sends no `Access-Control-Allow-*` header unless `enableCors` is called,
 * and the console is served from the API's own origin. The webhook route, served ahead of Express, applies {@link securityHeaders} itself.
 */
export function applySecurityHeaders(app: NestExpressApplication): void {
  app.use(securityHeaders);
}

/** The security headers as a middleware on plain Node requests (helmet calls `next` synchronously). */
export const securityHeaders = helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
