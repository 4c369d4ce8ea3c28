import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@yishi/config';
import { createLogger, Metrics } from '@yishi/observability';
import { createHttpApp, prepareRuntime, type Runtime } from '@yishi/platform';
import { ApiModule } from '../../apps/api/src/app.module';
import { testQueuePrefix } from './database';

export interface TestPlatform {
  readonly app: NestExpressApplication;
  readonly runtime: Runtime;
  close(): Promise<void>;
}

/** The whole platform (API + worker, as `npm start` runs it) on the given services, not listening. */
export async function startTestPlatform(options: {
  databaseUrl: string;
  redisUrl: string;
  label: string;
}): Promise<TestPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yishi-platform-'));
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    DATA_DIR: dataDir,
    QUEUE_PREFIX: testQueuePrefix(options.label),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '5000',
  });
  const logger = createLogger({ level: config.logLevel, service: 'yishi-test' });
  const runtime = await prepareRuntime({
    config,
    logger,
    metrics: new Metrics(),
    role: 'platform',
  });
  const app = await createHttpApp(ApiModule.forRuntime(runtime, { withWorker: true }), runtime, {
    openApi: true,
  });
  await app.init();
  return {
    app,
    runtime,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
