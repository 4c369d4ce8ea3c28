import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';

/** Where `npm run build` puts the web app (apps/web, built by Vite). */
export const WEB_BUILD_DIR = path.join('dist', 'web');

/** Paths the web app never answers: the API, the operations endpoints, the OpenAPI docs. */
const SERVER_PATHS = /^\/(api|health|metrics|docs)(\/|-json|$)/;

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
export function serveWebApp(app: NestExpressApplication, directory = webBuildDirectory()): boolean {
  const indexFile = path.join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile);
  app.useStaticAssets(directory, {
    index: false,
    setHeaders: (res: Response, file: string) => {
      const hashed = file.startsWith(path.join(directory, 'assets') + path.sep);
      res.setHeader(
        'Cache-Control',
        hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
    // A missing hashed file is a 404, not the app (a stale tab after a deploy must not get HTML).
    if (req.path.startsWith('/assets/')) return next();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.send(indexHtml);
  });
  return true;
}
