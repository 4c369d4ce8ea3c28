import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { pathOf } from './request-context.middleware';
import { setSecurityHeaders } from './security-headers';

/** Where `npm run build` puts the web app (apps/web, built by Vite). */
export const WEB_BUILD_DIR = path.join('dist', 'web');

/**
 * Paths the web app never answers: the API, the operations endpoints, the OpenAPI docs, Open311
 * GeoReport v2 (in any case, as the router matches them).
 */
const SERVER_PATHS = /^\/(api|health|metrics|docs|open311)(\/|-json|$)/i;

/** The repository (or image) root: the nearest folder above this file with a package.json. */
function projectRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export function webBuildDirectory(): string {
  return path.join(projectRoot(__dirname), WEB_BUILD_DIR);
}

/**
 * Serves the built web app at `/`: hashed files under /assets/ with a year-long immutable cache,
 * index.html never cached, and index.html for every other GET that asks for HTML (the app's
 * client-side routes such as /cases/:id). Without a build (unit tests, `start:api` before a web
 * build) nothing is mounted and `/` is the API's JSON 404.
 */
export function serveWebApp(app: NestFastifyApplication, directory = webBuildDirectory()): boolean {
  const indexFile = path.join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  // The build's own files at the top (favicon, manifest…) are served as files, never as the app.
  const topFiles = new Set(readdirSync(directory).map((name) => `/${name}`));
  app.useStaticAssets({
    root: directory,
    prefix: '/',
    index: false,
    wildcard: true,
    // @fastify/static 10 hands over the reply (Nest's typing still names the raw response).
    setHeaders: (res: object, file: string) => {
      const reply = res as { header(name: string, value: string): unknown };
      const hashed = file.startsWith(path.join(directory, 'assets') + path.sep);
      reply.header(
        'Cache-Control',
        hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
    },
  });
  app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const requested = pathOf(req.url);
    if (SERVER_PATHS.test(requested) || !acceptsHtml(req.headers.accept)) return next();
    // A missing hashed file is a 404, not the app (a stale tab after a deploy must not get HTML).
    if (requested.startsWith('/assets/') || topFiles.has(requested)) return next();
    setSecurityHeaders(req, res);
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Length': indexHtml.length,
    });
    res.end(req.method === 'HEAD' ? undefined : indexHtml);
  });
  return true;
}

/** Whether an Accept header lets HTML through (none at all does, as does any wildcard). */
function acceptsHtml(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const refused = params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
    return !refused && ['text/html', 'text/*', '*/*'].includes(range.trim());
  });
}
