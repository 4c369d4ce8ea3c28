import { type Pool } from 'pg';

/**
 * Runs `write` with the relay held back until it ends: no reaction, projection or timer sees an
 * event `write` appends before all of them are in. For a seed writing the past (the demo's
 * ledger), whose demands go through states at seed time that they never had at that instant: one
 * received sixteen days ago and signed 30 hours later stands for a moment received and unsigned,
 * and the deadline timers would act on it (a notice of a deadline met, a confirmation lapsed
 * before the answer the next step records). Once the fence is down each demand is read as it
 * ends.
 *
 * The fence is a transaction holding a transaction id and nothing else. The event store's readers
 * take only events of transactions older than every running one (`readAll`,
 * docs/architecture.md), so while it is open they stop at it, and miss nothing after. It writes
 * nothing and is rolled back; it has no idle timeout, and ends with its connection if the process
 * dies.
 */
export async function withRelayFence<T>(pool: Pool, write: () => Promise<T>): Promise<T> {
  const fence = await pool.connect();
  let broken: Error | undefined;
  try {
    await fence.query('BEGIN');
    await fence.query('SET LOCAL idle_in_transaction_session_timeout = 0');
    await fence.query('SELECT pg_current_xact_id()');
    return await write();
  } finally {
    await fence.query('ROLLBACK').catch((error: Error) => (broken = error));
    fence.release(broken);
  }
}
