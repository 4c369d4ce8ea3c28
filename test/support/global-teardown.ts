import { Client } from 'pg';
import { deleteKeys } from '../../bench/support/redis-keys';

export default async function globalTeardown(): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL;
  const run = process.env.TEST_RUN_ID;
  if (url !== undefined && run !== undefined) {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`yishi_test_${run}_%`],
      );
      for (const { datname } of rows)
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  const redisUrl = process.env.TEST_REDIS_URL;
  if (redisUrl !== undefined && run !== undefined) {
    // This run's queues (testQueuePrefix names the run): a shared Redis keeps nothing of it.
    await deleteKeys(redisUrl, `{yishi-test-${run}-*`);
  }
  for (const service of globalThis.__yishiTestServices ?? []) await service.stop();
}
