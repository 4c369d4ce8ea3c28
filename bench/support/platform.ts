import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@yishi/config';
import { resolvePostgres, resolveRedis, type ResolvedService } from '@yishi/dev-services';
import { createLogger, Metrics } from '@yishi/observability';
import { createHttpApp, prepareRuntime, type Runtime } from '@yishi/platform';
import { ApiModule } from '../../apps/api/src/app.module';
import { PlatformModule } from '../../apps/platform/src/platform.module';
import { PostgresAdmin } from './postgres-admin';
import { deleteQueueKeys } from './redis-keys';

const ROOT = path.resolve(__dirname, '../../..');

export interface BenchPlatform {
  readonly runtime: Runtime;
  /** `http://127.0.0.1:<port>/api/v1` */
  readonly base: string;
  readonly redisUrl: string;
  readonly postgresSource: string;
  close(): Promise<void>;
}

/**
 * The platform on a scratch database of its own, listening on a free port: the servers from
 * DATABASE_URL / REDIS_URL, else the no-configuration defaults (under .data/bench).
 */
/** The bench's PostgreSQL: DATABASE_URL, else the embedded one under .data/bench. */
export function resolveBenchPostgres(): Promise<ResolvedService> {
  return resolvePostgres({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: path.join(ROOT, '.data/bench'),
    port: 54349,
    database: 'postgres',
    log: (msg: string) => process.stderr.write(`${msg}\n`),
  });
}

/** The bench's servers: DATABASE_URL / REDIS_URL, else the no-configuration defaults (under .data/bench). */
export async function resolveBenchServices(): Promise<{
  postgres: ResolvedService;
  redis: ResolvedService;
  stop(): Promise<void>;
}> {
  const dataDir = path.join(ROOT, '.data/bench');
  const log = (msg: string) => process.stderr.write(`${msg}\n`);
  const postgres = await resolveBenchPostgres();
  const redis = await resolveRedis({ redisUrl: process.env.REDIS_URL, dataDir, port: 6409, log });
  return {
    postgres,
    redis,
    async stop() {
      await redis.stop();
      await postgres.stop();
    },
  };
}

export async function startBenchPlatform(options: {
  label: string;
  withWorker: boolean;
  env?: Record<string, string>;
}): Promise<BenchPlatform> {
  const services = await resolveBenchServices();
  const { postgres, redis } = services;
  const admin = new PostgresAdmin(postgres.url);
  const dbName = `yishi_bench_${options.label}_${randomBytes(3).toString('hex')}`;
  const url = await admin.createDatabase(dbName);
  const config = loadConfig({
    DATABASE_URL: url,
    REDIS_URL: redis.url,
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'yishi-bench-')),
    QUEUE_PREFIX: `{bench-${options.label}-${randomBytes(3).toString('hex')}}`,
    LOG_LEVEL: 'warn',
    // Every request comes from one address and a few accounts, far faster than people write;
    // the limits stay on (the Redis script runs) but high. test/http-limits.test.ts sets its own.
    RATE_LIMIT_USER_WRITES: '1000000',
    RATE_LIMIT_ADDRESS_WRITES: '1000000',
    ...options.env,
  });
  const runtime = await prepareRuntime({
    config,
    logger: createLogger({ level: 'warn', service: 'bench' }),
    metrics: new Metrics(),
    role: options.withWorker ? 'platform' : 'api',
  });
  const app = await createHttpApp(
    options.withWorker ? PlatformModule.forRuntime(runtime) : ApiModule.forRuntime(runtime),
    runtime,
    { openApi: false },
  );
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return {
    runtime,
    base: `http://127.0.0.1:${port}/api/v1`,
    redisUrl: redis.url,
    postgresSource: postgres.source,
    async close() {
      await app.close();
      await runtime.close();
      await deleteQueueKeys(redis.url, config.queuePrefix);
      await admin.dropDatabase(dbName);
      await services.stop();
    },
  };
}
