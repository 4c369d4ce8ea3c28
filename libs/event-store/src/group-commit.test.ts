import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ConcurrencyConflictError } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { EventStore, verifyHashChains, type AppendResult } from './index';

/**
 * Group commit: concurrent appends to distinct streams share one append_batch statement. With one
 * batch in flight, the first append of a synchronous burst leaves alone and all the others wait
 * for it and then leave together, so these tests know which appends share a batch.
 */
describe('EventStore group commit (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const stream = (): string => `case-${randomUUID()}`;
  const oneBatch = (): EventStore => new EventStore(db.pool, undefined, { maxBatchesInFlight: 1 });

  async function expectCleanChains(streams: readonly string[]): Promise<void> {
    const report = await verifyHashChains(db.pool);
    const ours = new Set(streams);
    expect(report.breaks.filter((b) => ours.has(b.streamId))).toEqual([]);
  }

  it('lands many concurrent appends to distinct streams with exact positions and chains', async () => {
    const store = new EventStore(db.pool, undefined, { maxBatchesInFlight: 3 });
    const streams = Array.from({ length: 60 }, stream);
    const results = new Map<string, AppendResult[]>();
    // Each stream: five appends in a row (some of two events), all streams at once.
    await Promise.all(
      streams.map(async (id, s) => {
        const mine: AppendResult[] = [];
        let version = 0;
        for (let k = 0; k < 5; k++) {
          const count = (s + k) % 3 === 0 ? 2 : 1;
          const events = Array.from({ length: count }, (_, i) => ({
            type: 'Step',
            data: { s, k, i, text: `第${k}步` },
          }));
          const r = await store.append(id, version === 0 ? 'no-stream' : version, events, {
            actorId: `u-${s}`,
          });
          expect(r.nextExpectedVersion).toBe(version + count);
          expect(r.lastPosition - r.firstPosition + 1).toBeGreaterThanOrEqual(count);
          version = r.nextExpectedVersion;
          mine.push(r);
        }
        results.set(id, mine);
      }),
    );

    const stats = store.appendStats();
    expect(stats.appends).toBe(300);
    expect(stats.batches).toBeLessThan(300);
    expect(stats.largestBatch).toBeGreaterThan(1);

    for (const [s, id] of streams.entries()) {
      const events = await store.readStream(id);
      const mine = results.get(id)!;
      const expectedCount = mine[mine.length - 1]!.nextExpectedVersion;
      expect(events.map((e) => e.streamPosition)).toEqual(
        Array.from({ length: expectedCount }, (_, i) => i + 1),
      );
      expect(events.every((e) => e.metadata.actorId === `u-${s}`)).toBe(true);
      // Each result names the global positions of its own events.
      let next = 0;
      for (const r of mine) {
        const own = events.slice(next, r.nextExpectedVersion);
        expect(own[0]!.globalPosition).toBe(r.firstPosition);
        expect(own[own.length - 1]!.globalPosition).toBe(r.lastPosition);
        expect(new Set(own.map((e) => e.transactionId))).toEqual(new Set([r.transactionId]));
        next = r.nextExpectedVersion;
      }
      expect(await store.streamVersion(id)).toBe(expectedCount);
    }
    await expectCleanChains(streams);
  });

  it('fails wrong expected versions one by one while their batch-mates succeed', async () => {
    const setup = new EventStore(db.pool);
    const streams = Array.from({ length: 12 }, stream);
    for (const id of streams) await setup.append(id, 'no-stream', [{ type: 'Opened', data: {} }]);
    const missing = stream();

    const store = oneBatch();
    const plug = store.append(stream(), 'no-stream', [{ type: 'Plug', data: {} }]);
    const attempts = streams.map((id, i) =>
      store.append(id, i % 3 === 0 ? 7 : i % 3 === 1 ? 1 : 'any', [{ type: 'Next', data: { i } }]),
    );
    const wrongNew = store.append(streams[1]!.replace('case-', 'dup-'), 3, [
      { type: 'Next', data: {} },
    ]);
    const noStreamOnExisting = store
      .append(streams[2]!, 'no-stream', [{ type: 'X', data: {} }])
      .catch((e: unknown) => e);
    const created = store.append(missing, 'no-stream', [{ type: 'Opened', data: {} }]);
    await plug;
    const settled = await Promise.allSettled([...attempts, wrongNew, created]);
    // Queued behind the burst's append to the same stream, so checked against version 2.
    const late = await noStreamOnExisting;
    const stats = store.appendStats();
    expect(stats.batches).toBe(3); // the plug; the burst; streams[2]'s second append after it
    expect(stats.largestBatch).toBe(14);

    const okTransactions = new Set<string>();
    streams.forEach((id, i) => {
      const r = settled[i]!;
      if (i % 3 === 0) {
        expect(r.status).toBe('rejected');
        const reason = (r as PromiseRejectedResult).reason as ConcurrencyConflictError;
        expect(reason).toBeInstanceOf(ConcurrencyConflictError);
        expect(reason.details).toMatchObject({ streamId: id, expected: 7, actual: 1 });
      } else {
        expect(r.status).toBe('fulfilled');
        const value = (r as PromiseFulfilledResult<AppendResult>).value;
        expect(value.nextExpectedVersion).toBe(2);
        okTransactions.add(value.transactionId);
      }
    });
    // One statement, one transaction for the whole burst.
    expect(okTransactions.size).toBe(1);
    const wrong = settled[streams.length]!;
    expect(wrong.status).toBe('rejected');
    expect((wrong as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(((wrong as PromiseRejectedResult).reason as ConcurrencyConflictError).details).toEqual(
      expect.objectContaining({ expected: 3, actual: 0 }),
    );
    expect(settled[streams.length + 1]!.status).toBe('fulfilled');
    expect(late).toBeInstanceOf(ConcurrencyConflictError);
    expect((late as ConcurrencyConflictError).details).toMatchObject({
      expected: 'no-stream',
      actual: 2,
    });

    for (const [i, id] of streams.entries())
      expect(await store.streamVersion(id)).toBe(i % 3 === 0 ? 1 : 2);
    expect(await store.streamVersion(missing)).toBe(1);
    await expectCleanChains([...streams, missing]);
  });

  it('lets exactly one of 20 writers racing on one version win, with other streams in the batches', async () => {
    const store = oneBatch();
    const id = stream();
    await store.append(id, 'no-stream', [{ type: 'CaseOpened', data: {} }]);
    const others = Array.from({ length: 20 }, stream);
    const plug = store.append(stream(), 'any', [{ type: 'Plug', data: {} }]);
    const racing = Array.from({ length: 20 }, (_, i) =>
      store.append(id, 1, [{ type: 'DemandSubmitted', data: { i } }]),
    );
    const bystanders = others.map((o) => store.append(o, 'no-stream', [{ type: 'A', data: {} }]));
    await plug;
    const results = await Promise.allSettled(racing);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(ConcurrencyConflictError);
      expect((r.reason as ConcurrencyConflictError).details).toMatchObject({
        expected: 1,
        actual: 2,
      });
    }
    // The first racer won: appends to one stream keep their order.
    expect(results[0]!.status).toBe('fulfilled');
    expect((await Promise.all(bystanders)).map((r) => r.nextExpectedVersion)).toEqual(
      others.map(() => 1),
    );
    expect(await store.readStream(id)).toHaveLength(2);
    // 'any' appends to one stream, all in flight together: serialised, none lost.
    const anyStream = stream();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.append(anyStream, 'any', [{ type: 'A', data: { i } }]),
      ),
    );
    expect((await store.readStream(anyStream)).map((e) => e.data)).toEqual(
      Array.from({ length: 20 }, (_, i) => ({ i })),
    );
    await expectCleanChains([id, anyStream, ...others]);
  });

  it('reports a lost race to create a stream without failing the rest of the batch', async () => {
    const store = oneBatch();
    const contested = stream();
    const contestedAny = stream();
    const bystanders = Array.from({ length: 5 }, stream);

    // Another transaction creates both streams and stays open, so the batch meets its rows.
    const creator = new Client({ connectionString: db.url });
    await creator.connect();
    try {
      await creator.query('BEGIN');
      const meta = JSON.stringify({ actorId: null, correlationId: 'c', causationId: null });
      for (const id of [contested, contestedAny])
        await creator.query(`SELECT * FROM append_event($1, 0, $2, 'Opened', 1, '{}', $3)`, [
          id,
          randomUUID(),
          meta,
        ]);

      const plug = store.append(stream(), 'no-stream', [{ type: 'Plug', data: {} }]);
      const lost = store.append(contested, 'no-stream', [
        { type: 'Opened', data: { by: 'batch' } },
        { type: 'Second', data: {} },
      ]);
      const follows = store.append(contestedAny, 'any', [{ type: 'After', data: {} }]);
      const others = bystanders.map((id) => store.append(id, 'any', [{ type: 'A', data: {} }]));
      await plug;
      // Wait until the batch is blocked on the creator's uncommitted first events.
      for (let i = 0; ; i++) {
        const { rows } = await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (Number(rows[0]!.n) > 0) break;
        if (i > 200) throw new Error('the batch never waited for the creator');
        await new Promise((r) => setTimeout(r, 10));
      }
      await creator.query('COMMIT');

      const err = await lost.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConcurrencyConflictError);
      expect((err as ConcurrencyConflictError).details).toMatchObject({
        streamId: contested,
        expected: 'no-stream',
        actual: 1,
      });
      expect((await follows).nextExpectedVersion).toBe(2);
      expect((await Promise.all(others)).map((r) => r.nextExpectedVersion)).toEqual([
        1, 1, 1, 1, 1,
      ]);
    } finally {
      await creator.end();
    }
    expect((await store.readStream(contested)).map((e) => e.type)).toEqual(['Opened']);
    expect((await store.readStream(contestedAny)).map((e) => e.type)).toEqual(['Opened', 'After']);
    await expectCleanChains([contested, contestedAny, ...bystanders]);
  });

  it('refuses a batch that names a stream twice or whose arrays do not add up, writing nothing', async () => {
    const id = stream();
    const call = (streams: string[], counts: number[]): Promise<unknown> =>
      db.pool.query(
        `SELECT * FROM append_batch($1::text[], $2::bigint[], $3::integer[], $4::jsonb[],
                                    $5::uuid[], $6::text[], $7::integer[], $8::jsonb[])`,
        [
          streams,
          streams.map(() => null),
          counts,
          streams.map(() => '{}'),
          [randomUUID(), randomUUID()],
          ['A', 'A'],
          [1, 1],
          ['{}', '{}'],
        ],
      );
    await expect(call([id, id], [1, 1])).rejects.toMatchObject({ code: '22023' });
    await expect(call([id, stream()], [1, 2])).rejects.toMatchObject({ code: '22023' });
    await expect(call([id], [1])).rejects.toMatchObject({ code: '22023' });
    expect(await new EventStore(db.pool).streamVersion(id)).toBeUndefined();
  });

  it('retries a batch alone when one append carries an event id already stored', async () => {
    const store = oneBatch();
    const taken = randomUUID();
    await store.append(stream(), 'no-stream', [{ id: taken, type: 'A', data: {} }]);
    const streams = Array.from({ length: 6 }, stream);
    const plug = store.append(stream(), 'no-stream', [{ type: 'Plug', data: {} }]);
    const appends = streams.map((id, i) =>
      store.append(id, 'no-stream', [{ id: i === 3 ? taken : undefined, type: 'B', data: { i } }]),
    );
    await plug;
    const settled = await Promise.allSettled(appends);
    expect(settled.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.streamVersion(streams[3]!)).toBeUndefined();
    await expectCleanChains(streams);
  });
});
