import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@yishi/config';
import { createLogger, Metrics } from '@yishi/observability';
import { createHttpApp, prepareRuntime, type Runtime } from '@yishi/platform';
import { ApiModule } from '../../apps/api/src/app.module';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { type Server } from 'node:http';
import { TEST_ADMIN } from './api';
import { createTestDatabase, testQueuePrefix, testRedisUrl, type TestDatabase } from './database';

export interface TestPlatform {
  readonly app: NestFastifyApplication;
  readonly runtime: Runtime;
  close(): Promise<void>;
}

/** The whole platform (API + worker, as `npm start` runs it) on the given services, not listening. */
export async function startTestPlatform(options: {
  databaseUrl: string;
  redisUrl: string;
  label: string;
  /** More environment variables, e.g. ADMIN_USERNAME or SEED_DEMO. */
  env?: Record<string, string>;
  /** false: the API alone (no relay, projections or queue workers), as `npm run start:api`. */
  withWorker?: boolean;
  /** Serve the built web app at `/` (the browser tests). */
  webApp?: boolean;
}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yishi-platform-'));
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    DATA_DIR: dataDir,
    QUEUE_PREFIX: testQueuePrefix(options.label),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '5000',
    // Every request comes from one address and a few accounts, far faster than people write;
    // the limits stay on (the Redis script runs) but high. test/http-limits.test.ts sets its own.
    RATE_LIMIT_USER_WRITES: '1000000',
    RATE_LIMIT_ADDRESS_WRITES: '1000000',
    // The demo's grids and ledger demands only where a test asks for them (SEED_DEMO_LEDGER):
    // most tests build their own grids, leads and demands on the demo's buildings.
    SEED_DEMO_LEDGER: 'false',
    ...options.env,
  });
  const logger = createLogger({ level: config.logLevel, service: 'yishi-test' });
  const runtime = await prepareRuntime({
    config,
    logger,
    metrics: new Metrics(),
    role: 'platform',
  });
  const app = await createHttpApp(
    options.withWorker === false
      ? ApiModule.forRuntime(runtime)
      : PlatformModule.forRuntime(runtime),
    runtime,
    { openApi: true, webApp: options.webApp === true },
  );
  await app.init();
  // Fastify builds its routes when ready; supertest then drives its server without listening.
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    runtime,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/**
 * A fresh database of its own, the whole platform on it with the test admin and the demo data of
 * first start, and its HTTP server (not listening; supertest drives it).
 */
export async function startDemoPlatform(
  label: string,
  env: Record<string, string> = {},
  options: { webApp?: boolean } = {},
): Promise<{ db: TestDatabase; platform: TestPlatform; server: Server }> {
  const db = await createTestDatabase();
  const platform = await startTestPlatform({
    databaseUrl: db.url,
    redisUrl: testRedisUrl(),
    label,
    env: { ADMIN_USERNAME: TEST_ADMIN.username, ADMIN_PASSWORD: TEST_ADMIN.password, ...env },
    webApp: options.webApp === true,
  });
  return { db, platform, server: platform.app.getHttpServer() };
}
