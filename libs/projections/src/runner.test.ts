import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventStore, loadCheckpoint, type Checkpoint } from '@yishi/event-store';
import { Metrics } from '@yishi/observability';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { appendRandomEvents, newStreamIds } from '../../../test/support/events';
import { until } from '../../../test/support/wait';
import { expectedCatalogue, readCatalogue } from '../../../test/support/stream-catalogue';
import { ProjectionRunner, streamCatalogueProjection, type Projection } from './index';

const CHECKPOINT = 'projection:stream-catalogue';

describe('ProjectionRunner (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

  const newRunner = (
    projection: Projection = streamCatalogueProjection,
    metrics?: Metrics,
  ): ProjectionRunner => {
    const runner = new ProjectionRunner({
      databaseUrl: db.url,
      store,
      projection,
      batchSize: 100,
      pollMs: 10,
      standbyRetryMs: 100,
      log,
      ...(metrics === undefined ? {} : { metrics }),
    });
    runners.push(runner);
    return runner;
  };

  /** The catalogue equals the SQL aggregate over every event (exact counts). */
  const caughtUp = async (): Promise<boolean> =>
    JSON.stringify(await readCatalogue(db.pool).catch(() => [])) ===
    JSON.stringify(await expectedCatalogue(db.pool));

  const headCheckpoint = async (): Promise<Checkpoint> => {
    const { rows } = await db.pool.query<{ transaction_id: string; global_position: string }>(
      `SELECT transaction_id::text AS transaction_id, global_position FROM events
        ORDER BY events.transaction_id DESC, events.global_position DESC LIMIT 1`,
    );
    return { transactionId: rows[0]!.transaction_id, position: Number(rows[0]!.global_position) };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });
  afterAll(async () => {
    await db.drop();
  });

  it('two runners started together: one leader creates the tables; the standby takes over', async () => {
    const a = newRunner();
    const b = newRunner();
    a.start();
    b.start();
    await until(() => a.isLeader || b.isLeader, 5_000, 'a leader');
    await until(
      async () =>
        (await db.pool.query<{ t: string | null }>(`SELECT to_regclass('stream_catalogue') AS t`))
          .rows[0]?.t !== null,
      5_000,
      'the table, before any event',
    );
    await new Promise((r) => setTimeout(r, 300));
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.isLeader ? [a, b] : [b, a];

    await appendRandomEvents(store, { streams: newStreamIds(10), events: 200 });
    await until(caughtUp, 10_000, 'the leader to catch up');

    await leader.stop();
    await until(() => standby.isLeader, 5_000, 'the standby to take over');
    await appendRandomEvents(store, { streams: newStreamIds(10), events: 200 });
    await until(caughtUp, 10_000, 'the new leader to catch up');
    expect(await readCatalogue(db.pool)).toEqual(await expectedCatalogue(db.pool));
  });

  it('matches a direct SQL aggregate over events after random appends across many streams', async () => {
    const metrics = new Metrics();
    const runner = newRunner(streamCatalogueProjection, metrics);
    runner.start();
    const before = (await expectedCatalogue(db.pool)).reduce(
      (n, r) => n + Number(r.event_count),
      0,
    );
    // Ids that array literals must quote: quotes, braces, commas, backslashes, NULL, non-ASCII.
    const odd = ['odd-"quoted", {braced} \\ NULL', '议事-会商 1'];
    const streams = [...newStreamIds(120), ...odd];
    for (const id of odd) await store.append(id, 'any', [{ type: 'CaseOpened', data: {} }]);
    const appended = await appendRandomEvents(store, { streams, events: 3_000, concurrency: 10 });

    // A stream whose later position reaches the log first: a transaction that took its xid early.
    const outOfOrder = `case-${randomUUID()}`;
    await store.append(outOfOrder, 'no-stream', [{ type: 'CaseOpened', data: {} }]);
    const early = new Client({ connectionString: db.url });
    await early.connect();
    try {
      await early.query('BEGIN');
      await early.query('SELECT pg_current_xact_id()');
      await store.append(outOfOrder, 1, [{ type: 'DemandSubmitted', data: {} }]);
      await early.query(`SELECT * FROM append_events($1, 2, $2::jsonb)`, [
        outOfOrder,
        JSON.stringify([
          {
            id: randomUUID(),
            type: 'StageChanged',
            schemaVersion: 1,
            data: {},
            metadata: { occurredAt: new Date().toISOString() },
          },
        ]),
      ]);
      await early.query('COMMIT');
    } finally {
      await early.end();
    }

    await until(caughtUp, 20_000, 'the catalogue to match the log');
    const catalogue = await readCatalogue(db.pool);
    expect(catalogue).toEqual(await expectedCatalogue(db.pool));
    expect(catalogue.find((r) => r.stream_id === outOfOrder)).toMatchObject({
      version: '3',
      event_count: '3',
      last_event_type: 'StageChanged',
    });
    expect(new Set(catalogue.map((r) => r.category))).toEqual(
      new Set(['case', 'resolution', 'meeting', 'odd', '议事']),
    );
    const counted = (await metrics.projectionEvents.get()).values.find(
      (v) => v.labels.projection === 'stream-catalogue',
    )?.value;
    const total = catalogue.reduce((n, r) => n + Number(r.event_count), 0);
    expect(total).toBe(before + appended + odd.length + 3);
    expect(counted).toBe(appended + odd.length + 3);
    expect(await loadCheckpoint(db.pool, CHECKPOINT)).toEqual(await headCheckpoint());
  });

  it('moves the checkpoint in the same transaction as the read model: a failing batch moves neither', async () => {
    let poisoned = true;
    let failures = 0;
    const poisonable: Projection = {
      ...streamCatalogueProjection,
      async apply(q, events, tables) {
        // Write first, then fail: the write must be rolled back with the checkpoint.
        await streamCatalogueProjection.apply(q, events, tables);
        if (poisoned && events.some((e) => e.type === 'Poison')) {
          failures += 1;
          throw new Error('poisoned batch');
        }
      },
    };
    const runner = newRunner(poisonable);
    runner.start();
    await appendRandomEvents(store, { streams: newStreamIds(5), events: 50 });
    await until(caughtUp, 10_000, 'the catalogue before the poison');
    const catalogueBefore = await readCatalogue(db.pool);
    const checkpointBefore = await loadCheckpoint(db.pool, CHECKPOINT);

    const victim = `case-${randomUUID()}`;
    await store.append(victim, 'no-stream', [
      { type: 'CaseOpened', data: {} },
      { type: 'Poison', data: {} },
      { type: 'NoteAdded', data: {} },
    ]);
    const later = newStreamIds(3);
    await appendRandomEvents(store, { streams: later, events: 20, concurrency: 1 });

    await until(() => failures >= 3, 10_000, 'the poisoned batch to fail a few times');
    expect(await readCatalogue(db.pool)).toEqual(catalogueBefore);
    expect(await loadCheckpoint(db.pool, CHECKPOINT)).toEqual(checkpointBefore);
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ subscription: CHECKPOINT }),
      'batch failed; will retry',
    );

    poisoned = false;
    runner.wake();
    await until(caughtUp, 15_000, 'the catalogue after the fix');
    await new Promise((r) => setTimeout(r, 200)); // nothing may be applied twice afterwards
    const after = await readCatalogue(db.pool);
    expect(after).toEqual(await expectedCatalogue(db.pool));
    expect(after.find((r) => r.stream_id === victim)).toMatchObject({
      version: '3',
      event_count: '3',
      last_event_type: 'NoteAdded',
    });
    expect(await loadCheckpoint(db.pool, CHECKPOINT)).toEqual(await headCheckpoint());
  });
});
