import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
// Not the package index: jest's path aliases do not apply to the global setup, and the pool needs one.
import { runMigrations } from '../../libs/database/src/migrate';
import { withDatabase } from '../../libs/database/src/url';
import { resolvePostgres, resolveRedis, type ResolvedService } from '../../libs/dev-services/src';

declare global {
  var __yishiTestServices: ResolvedService[] | undefined;
}

/**
 * Integration tests run against real PostgreSQL and Redis: DATABASE_URL / REDIS_URL when set, else
 * the same no-configuration defaults as `npm start` (embedded PostgreSQL, loopback or spawned Redis),
 * under .data/test so a running platform is never touched. Each test file then gets its own database,
 * copied from a migrated template.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = path.resolve(__dirname, '../../.data/test');
  const log = (msg: string): void => {
    if (process.env.TEST_SERVICES_VERBOSE === 'true')
      process.stderr.write(`[test-services] ${msg}\n`);
  };
  const postgres = await resolvePostgres({
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    port: Number(process.env.TEST_EMBEDDED_POSTGRES_PORT ?? 54339),
    log,
  });
  const redis = await resolveRedis({
    redisUrl: process.env.REDIS_URL,
    dataDir,
    port: Number(process.env.TEST_EMBEDDED_REDIS_PORT ?? 6399),
    log,
  });
  globalThis.__yishiTestServices = [redis, postgres];

  const run = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `yishi_test_${run}_tpl`;
  const admin = new Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  await runMigrations(withDatabase(postgres.url, template));

  process.env.TEST_POSTGRES_URL = postgres.url;
  process.env.TEST_TEMPLATE_DATABASE = template;
  process.env.TEST_RUN_ID = run;
  process.env.TEST_REDIS_URL = redis.url;
}
