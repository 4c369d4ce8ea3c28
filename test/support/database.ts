import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createPool, withDatabase } from '../../libs/database/src';

export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new Error(`${name} is not set: run integration tests through jest's globalSetup`);
  return value;
}

/** A fresh, migrated database of its own for one test file (copied from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = requireEnv('TEST_POSTGRES_URL');
  const name = `yishi_test_${requireEnv('TEST_RUN_ID')}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${requireEnv('TEST_TEMPLATE_DATABASE')}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const pool = createPool({
    databaseUrl: url,
    max: 30,
    statementTimeoutMs: 30_000,
    applicationName: 'yishi-test',
    // Two test files at a time on two cores: a new backend can take seconds to start.
    connectTimeoutMs: 15_000,
  });
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function testRedisUrl(): string {
  return requireEnv('TEST_REDIS_URL');
}

/**
 * A BullMQ prefix of its own per test file, so parallel files never share queues; it names the run,
 * so the global teardown deletes this run's keys and no other's.
 */
export function testQueuePrefix(label: string): string {
  return `{yishi-test-${requireEnv('TEST_RUN_ID')}-${label}-${randomBytes(3).toString('hex')}}`;
}
