import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The policy of every answer: the web app (a Vite build: its own scripts, styles and fonts, the
 * API and its event streams on the same origin, photos previewed from blob: URLs), the OpenAPI UI
 * at /docs (its own scripts; inline styles and data: icons), and the JSON of the API. No page of
 * the platform may be framed by another site (frame-ancestors 'none', and X-Frame-Options for old
 * browsers): a framed page could be made to click "vote" or "close" for its user.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // React and ECharts set style attributes, the OpenAPI UI has a <style> block.
  styleSrc: ["'self'", "'unsafe-inline'"],
  workerSrc: ["'self'", 'blob:'],
  // The platform may be served over plain HTTP on a local network: upgrading would break it.
  upgradeInsecureRequests: null,
};

/**
 * A document the API renders itself (a vote's publication, a case's archive, printable ballot
 * sheets): nothing but its inline styles (and inline SVG), never framed, no form to send.
 */
export const DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; " +
  "form-action 'none'";

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  // Mini-programs and integrators call the API from elsewhere, never a browser page of theirs.
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

const rawHelmet = helmet(OPTIONS);

/**
 * Security headers on every answer Fastify sends (the API, its errors, the operations endpoints,
 * the OpenAPI UI, the web app's files): Content-Security-Policy, X-Frame-Options: DENY,
 * X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, Strict-Transport-Security (which
 * browsers heed over HTTPS only), Cross-Origin-Opener-Policy and Cross-Origin-Resource-Policy.
 *
 * helmet's middleware, built once, in an `onRequest` hook of the root instance (added before any
 * route, so every route has it). Not `@fastify/helmet`: its hook builds the middleware from the
 * options again on every request (`helmet(configuration)`, parsing the policy each time), a few
 * per cent of the API's CPU in the demands intake benchmark.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      rawHelmet(request.raw, reply.raw, () => done());
    });
}

/**
 * The same headers on an answer written to the raw response by Nest middleware (the web app's
 * index.html), which may end it before the hook has run.
 */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  rawHelmet(req, res, () => undefined);
}
