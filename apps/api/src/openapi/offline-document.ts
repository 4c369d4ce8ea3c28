import { type OpenAPIObject } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { loadConfig } from '@yishi/config';
import { type EventStore } from '@yishi/event-store';
import { createLogger, Metrics } from '@yishi/observability';
import { createHttpApp, createOpenApiDocument, type Runtime } from '@yishi/platform';
import { ApiModule } from '../app.module';

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

/**
 * The OpenAPI document /docs-json serves, without PostgreSQL or Redis: the API module is scanned in
 * Nest's preview mode, which builds no provider, so the pool and the event store are never used.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  // The defaults, whatever this shell has set: the document does not depend on the deployment.
  const config = loadConfig({});
  const runtime: Runtime = {
    config,
    logger: createLogger({ level: 'error', service: 'yishi-openapi' }),
    metrics: new Metrics(),
    databaseUrl: '',
    redisUrl: '',
    pool: absent<Pool>('pool'),
    store: absent<EventStore>('store'),
    close: () => Promise.resolve(),
  };
  const app = await createHttpApp(ApiModule.forRuntime(runtime), runtime, {
    openApi: false,
    preview: true,
  });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
