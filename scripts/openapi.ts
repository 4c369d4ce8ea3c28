/**
 * Writes the OpenAPI document that /docs-json serves, without PostgreSQL or Redis: the API module
 * is scanned in Nest's preview mode, which builds no provider, so the pool and the event store are
 * never touched. Used by `npm run lint:openapi` and `npm run gen:api-types` (on the build, whose
 * decorator metadata is the production one).
 *
 *   node dist/scripts/openapi.js <out.json>
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Pool } from 'pg';
import { loadConfig } from '@yishi/config';
import { type EventStore } from '@yishi/event-store';
import { createLogger, Metrics } from '@yishi/observability';
import { createHttpApp, createOpenApiDocument, type Runtime } from '@yishi/platform';
import { ApiModule } from '../apps/api/src/app.module';

/** A stand-in that fails loudly if anything reaches for a service while the document is built. */
function absent<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      // Nest asks every provider value whether it is a promise.
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(`openapi: ${name}.${String(property)} used while writing the document`);
    },
  });
}

async function main(out: string | undefined): Promise<void> {
  if (out === undefined) throw new Error('usage: node dist/scripts/openapi.js <out.json>');
  // The defaults, whatever this shell has set: the document does not depend on the deployment.
  const config = loadConfig({});
  const logger = createLogger({ level: 'error', service: 'yishi-openapi' });
  const runtime: Runtime = {
    config,
    logger,
    metrics: new Metrics(),
    databaseUrl: '',
    redisUrl: '',
    pool: absent<Pool>('pool'),
    store: absent<EventStore>('store'),
    close: () => Promise.resolve(),
  };
  const app = await createHttpApp(ApiModule.forRuntime(runtime, { withWorker: false }), runtime, {
    openApi: false,
    preview: true,
  });
  const document = createOpenApiDocument(app);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
