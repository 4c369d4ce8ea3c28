import { AdvisoryLeader } from '@yishi/database';
import { EventStore, loadCheckpoint } from '@yishi/event-store';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { appendRandomEvents, newStreamIds } from '../../../test/support/events';
import { until } from '../../../test/support/wait';
import { expectedCatalogue, readCatalogue } from '../../../test/support/stream-catalogue';
import { ProjectionRunner, rebuildProjection, streamCatalogueProjection } from './index';

const CHECKPOINT = 'projection:stream-catalogue';

describe('rebuildProjection (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  const log = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };

  const newRunner = (batchSize = 100): ProjectionRunner => {
    const runner = new ProjectionRunner({
      databaseUrl: db.url,
      store,
      projection: streamCatalogueProjection,
      batchSize,
      pollMs: 10,
      standbyRetryMs: 100,
      log,
    });
    runners.push(runner);
    return runner;
  };

  const caughtUp = async (): Promise<boolean> =>
    JSON.stringify(await readCatalogue(db.pool).catch(() => [])) ===
    JSON.stringify(await expectedCatalogue(db.pool));

  const eventCount = async (): Promise<number> =>
    Number((await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0]!.n);

  /** Tables, indexes and constraints whose names mention the catalogue. */
  const catalogueObjects = async (): Promise<string[]> => {
    const { rows } = await db.pool.query<{ name: string }>(
      `SELECT relname AS name FROM pg_class WHERE relname LIKE 'stream\\_catalogue%'
       UNION ALL
       SELECT conname FROM pg_constraint WHERE conname LIKE 'stream\\_catalogue%'
       ORDER BY 1`,
    );
    return rows.map((r) => r.name);
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

  it('builds a projection that never ran; the live runner continues from its checkpoint', async () => {
    await appendRandomEvents(store, { streams: newStreamIds(40), events: 1_500 });
    const result = await rebuildProjection(db.url, store, streamCatalogueProjection, log, {
      batchSize: 400,
    });
    expect(result.events).toBe(await eventCount());
    expect(result.eventsPerSecond).toBeGreaterThan(0);
    expect(await readCatalogue(db.pool)).toEqual(await expectedCatalogue(db.pool));
    expect(await loadCheckpoint(db.pool, CHECKPOINT)).toEqual(result.checkpoint);

    const runner = newRunner();
    runner.start();
    await appendRandomEvents(store, { streams: newStreamIds(10), events: 300 });
    await until(caughtUp, 10_000, 'the runner after the rebuild');
    expect(await readCatalogue(db.pool)).toEqual(await expectedCatalogue(db.pool));
  });

  it('equals the live projection, drops leftovers of an interrupted rebuild, and can run again', async () => {
    const runner = newRunner();
    runner.start();
    await appendRandomEvents(store, { streams: newStreamIds(30), events: 1_000 });
    await until(caughtUp, 10_000, 'the live projection');
    await runner.stop();
    const live = await readCatalogue(db.pool);
    const objects = await catalogueObjects();
    expect(objects).toEqual([
      'stream_catalogue',
      'stream_catalogue_category_last_idx',
      'stream_catalogue_pkey',
      'stream_catalogue_pkey',
    ]);

    // As if a rebuild had died half-way: a copy with the wrong shape and some rows.
    await db.pool.query('CREATE TABLE stream_catalogue__rebuild (junk int)');
    await db.pool.query('INSERT INTO stream_catalogue__rebuild VALUES (1), (2)');

    const first = await rebuildProjection(db.url, store, streamCatalogueProjection, log, {
      batchSize: 250,
    });
    expect(first.events).toBe(await eventCount());
    expect(await readCatalogue(db.pool)).toEqual(live);
    expect(await catalogueObjects()).toEqual(objects);

    const second = await rebuildProjection(db.url, store, streamCatalogueProjection, log);
    expect(second.events).toBe(first.events);
    expect(await readCatalogue(db.pool)).toEqual(live);
    expect(await catalogueObjects()).toEqual(objects);
  });

  it('runs while the live runner runs and events keep arriving, without double counting', async () => {
    const runner = newRunner(50);
    runner.start();
    const streams = newStreamIds(60);
    await appendRandomEvents(store, { streams, events: 1_000 });

    let appending = true;
    let appendedDuring = 0;
    const appender = (async () => {
      while (appending) {
        appendedDuring += await appendRandomEvents(store, { streams, events: 20, concurrency: 4 });
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const result = await rebuildProjection(db.url, store, streamCatalogueProjection, log, {
      batchSize: 300,
    });
    await new Promise((r) => setTimeout(r, 300)); // the runner carries on after the swap
    appending = false;
    await appender;

    expect(appendedDuring).toBeGreaterThan(0);
    await until(caughtUp, 15_000, 'the runner to catch up after the rebuild');
    const catalogue = await readCatalogue(db.pool);
    expect(catalogue).toEqual(await expectedCatalogue(db.pool));
    expect(catalogue.reduce((n, r) => n + Number(r.event_count), 0)).toBe(await eventCount());
    expect(result.events).toBeLessThan(await eventCount());
  });

  it('takes in every event committed before it started, even while a transaction elsewhere holds the horizon back', async () => {
    // A transaction that began before the events (as another database's could): readAll does not
    // pass it until it ends, so the rebuild must wait for it, not report a short log.
    const older = await db.pool.connect();
    try {
      await older.query('BEGIN');
      await older.query('SELECT pg_current_xact_id()');
      await appendRandomEvents(store, { streams: newStreamIds(5), events: 200 });
      const rebuilt = rebuildProjection(db.url, store, streamCatalogueProjection, log);
      let settled = false;
      void rebuilt.finally(() => (settled = true)).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await older.query('COMMIT');
      const result = await rebuilt;
      expect(result.events).toBe(await eventCount());
      expect(await readCatalogue(db.pool)).toEqual(await expectedCatalogue(db.pool));
    } finally {
      older.release();
    }
  });

  it('refuses to start while another rebuild of the same projection runs', async () => {
    const other = new AdvisoryLeader(db.url, 'rebuild:stream-catalogue');
    expect(await other.tryAcquire()).toBeDefined();
    try {
      await expect(
        rebuildProjection(db.url, store, streamCatalogueProjection, log),
      ).rejects.toThrow(/already running/);
    } finally {
      await other.release();
    }
  });
});
