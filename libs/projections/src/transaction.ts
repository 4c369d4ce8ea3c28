import { type Client } from 'pg';

/** Runs `work` in a transaction on `client`: COMMIT when it resolves, ROLLBACK when it throws. */
export async function withTransaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
