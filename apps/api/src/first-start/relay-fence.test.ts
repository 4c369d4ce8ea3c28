import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventStore, START_CHECKPOINT } from '@yishi/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { until } from '../../../../test/support/wait';
import { withRelayFence } from './relay-fence';

/*
 * The fence the demo ledger's seed writes behind (real PostgreSQL): while it is up the event
 * store's readers (the relay, the projections) read none of the events appended, whole streams of
 * several appends included; once it is down they read them all, in order; a failing write takes it
 * down too.
 */
describe('withRelayFence', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Every event readers see after `start`, once the whole cluster's horizon has passed them. */
  const readAfter = async (
    start: Awaited<ReturnType<EventStore['readAll']>>['checkpoint'],
    n: number,
  ) => {
    let read = await store.readAll(start, 1000);
    // The horizon is the whole cluster's: another database's open transaction hides them a moment.
    await until(async () => (read = await store.readAll(start, 1000)).events.length >= n, 30_000);
    return read.events;
  };

  it('hides what the write appends until it ends, then everything is read', async () => {
    const { checkpoint: start } = await store.readAll(START_CHECKPOINT, 1_000_000);
    const stream = `demand-${randomUUID()}`;
    const seen: number[] = [];
    // A pool whose sessions end 300 ms idle in a transaction: the fence outlasts that.
    const impatient = new Pool({
      connectionString: db.url,
      idle_in_transaction_session_timeout: 300,
    });
    const answer = await withRelayFence(impatient, async () => {
      await store.append(stream, 'no-stream', [{ type: 'DemandReceived', data: { n: 1 } }]);
      seen.push((await store.readAll(start, 1000)).events.length);
      await store.append(stream, 1, [{ type: 'DemandAccepted', data: { n: 2 } }]);
      await new Promise((resolve) => setTimeout(resolve, 800));
      seen.push((await store.readAll(start, 1000)).events.length);
      return 'written';
    }).finally(() => impatient.end());
    expect(answer).toBe('written');
    expect(seen).toEqual([0, 0]);
    expect((await readAfter(start, 2)).map((e) => e.type)).toEqual([
      'DemandReceived',
      'DemandAccepted',
    ]);
  });

  it('comes down when the write fails, the error passed on', async () => {
    const { checkpoint: start } = await store.readAll(START_CHECKPOINT, 1_000_000);
    const stream = `demand-${randomUUID()}`;
    await expect(
      withRelayFence(db.pool, async () => {
        await store.append(stream, 'no-stream', [{ type: 'DemandReceived', data: {} }]);
        throw new Error('the seed failed');
      }),
    ).rejects.toThrow('the seed failed');
    expect((await readAfter(start, 1)).map((e) => e.streamId)).toEqual([stream]);
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(rows[0]!.n).toBe('0');
  });
});
