import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ConcurrencyConflictError, ValidationError } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database';
import { until } from '../../../test/support/wait';
import { EventStore, START_CHECKPOINT, UpcasterRegistry, verifyHashChains } from './index';

describe('EventStore (real PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EventStore(db.pool);
  });
  afterAll(async () => {
    await db.drop();
  });

  const stream = (): string => `case-${randomUUID()}`;

  it('appends and reads a stream back in order, with metadata', async () => {
    const id = stream();
    const r1 = await store.append(
      id,
      'no-stream',
      [{ type: 'CaseOpened', data: { title: '12号楼2单元下水道堵塞' } }],
      {
        actorId: 'u-1',
        correlationId: 'corr-1',
      },
    );
    expect(r1.nextExpectedVersion).toBe(1);
    const r2 = await store.append(id, 1, [
      { type: 'DemandSubmitted', data: { content: '下水道又堵了 🚰' } },
      { type: 'DemandSubmitted', data: { content: '味道很大' } },
    ]);
    expect(r2.nextExpectedVersion).toBe(3);
    expect(r2.lastPosition).toBe(r2.firstPosition + 1);

    const events = await store.readStream(id);
    expect(events.map((e) => [e.streamPosition, e.type])).toEqual([
      [1, 'CaseOpened'],
      [2, 'DemandSubmitted'],
      [3, 'DemandSubmitted'],
    ]);
    expect(events[0]!.data).toEqual({ title: '12号楼2单元下水道堵塞' });
    expect(events[0]!.metadata).toMatchObject({
      actorId: 'u-1',
      correlationId: 'corr-1',
      causationId: null,
    });
    expect(Date.parse(events[0]!.metadata.occurredAt)).not.toBeNaN();
    expect(await store.readStream(id, { afterVersion: 2 })).toHaveLength(1);
    expect(await store.streamVersion(id)).toBe(3);
    expect(await store.streamVersion(stream())).toBeUndefined();
    expect((await store.readEvent(events[1]!.eventId))?.data).toEqual({
      content: '下水道又堵了 🚰',
    });
  });

  it('rejects a wrong expected version with a typed error and writes nothing', async () => {
    const id = stream();
    await store.append(id, 'no-stream', [{ type: 'A', data: {} }]);
    await expect(store.append(id, 'no-stream', [{ type: 'B', data: {} }])).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    const err = await store.append(id, 5, [{ type: 'B', data: {} }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConcurrencyConflictError);
    expect((err as ConcurrencyConflictError).details).toMatchObject({ expected: 5, actual: 1 });
    await expect(store.append(stream(), 1, [{ type: 'B', data: {} }])).rejects.toBeInstanceOf(
      ConcurrencyConflictError,
    );
    expect(await store.streamVersion(id)).toBe(1);
    const any = await store.append(id, 'any', [{ type: 'C', data: {} }]);
    expect(any.nextExpectedVersion).toBe(2);
  });

  it('lets exactly one of 20 writers racing on one version win', async () => {
    const id = stream();
    await store.append(id, 'no-stream', [{ type: 'CaseOpened', data: {} }]);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.append(id, 1, [{ type: 'DemandSubmitted', data: { i } }]),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const r of lost) expect(r.reason).toBeInstanceOf(ConcurrencyConflictError);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('lets exactly one of 20 writers create a new stream, and none of them half-writes', async () => {
    const id = stream();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        store.append(id, 'no-stream', [
          { type: 'A', data: { i } },
          { type: 'B', data: { i } },
        ]),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it("serialises concurrent 'any' appends without losing any", async () => {
    const id = stream();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.append(id, 'any', [{ type: 'A', data: { i } }])),
    );
    const events = await store.readStream(id);
    expect(events.map((e) => e.streamPosition)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });

  it('rejects data PostgreSQL cannot store with a validation error, before writing', async () => {
    const id = stream();
    await expect(
      store.append(id, 'no-stream', [{ type: 'A', data: { s: 'a\u0000b' } }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      store.append(id, 'no-stream', [{ type: 'A', data: { s: '\ud800' } }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      store.append(id, 'no-stream', [{ type: 'A', data: { n: Number.NaN } }]),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(store.append(id, 'no-stream', [])).rejects.toBeInstanceOf(ValidationError);
    await expect(store.append('', 'no-stream', [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(store.append(id, 0, [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await store.streamVersion(id)).toBeUndefined();
  });

  it('upcasts old schema versions on every read path', async () => {
    const upcasters = new UpcasterRegistry().register('DemandSubmitted', 1, (d) => ({
      ...(d as object),
      source: 'online',
    }));
    const v2 = new EventStore(db.pool, upcasters);
    const id = stream();
    await store.append(id, 'no-stream', [{ type: 'DemandSubmitted', data: { content: '旧格式' } }]);
    const [loaded] = await v2.readStream(id);
    expect(loaded).toMatchObject({
      schemaVersion: 2,
      data: { content: '旧格式', source: 'online' },
    });
    const viaId = await v2.readEvent(loaded!.eventId);
    expect(viaId?.data).toEqual({ content: '旧格式', source: 'online' });
    // readAll may hold it back while another database's transaction is open (the cluster's horizon).
    let events: Awaited<ReturnType<EventStore['readAll']>>['events'] = [];
    await until(async () => {
      ({ events } = await v2.readAll(START_CHECKPOINT, 100_000));
      return events.some((e) => e.eventId === loaded!.eventId);
    }, 60_000);
    expect(events.find((e) => e.eventId === loaded!.eventId)?.data).toEqual({
      content: '旧格式',
      source: 'online',
    });
    // New events are written with the current version and not upcast again.
    await v2.append(id, 1, [
      { type: 'DemandSubmitted', data: { content: '新', source: 'hotline' } },
    ]);
    expect((await v2.readStream(id, { afterVersion: 1 }))[0]).toMatchObject({
      schemaVersion: 2,
      data: { source: 'hotline' },
    });
  });

  it('does not read events of a transaction that is still open, and never skips them later', async () => {
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    try {
      const { checkpoint: start } = await store.readAll(START_CHECKPOINT, 1_000_000);
      await slow.query('BEGIN');
      const slowStream = stream();
      await slow.query(`SELECT * FROM append_events($1, 0, $2::jsonb)`, [
        slowStream,
        JSON.stringify([
          { id: randomUUID(), type: 'Slow', schemaVersion: 1, data: {}, metadata: {} },
        ]),
      ]);
      const fastStream = stream();
      await store.append(fastStream, 'no-stream', [{ type: 'Fast', data: {} }]);
      // Only these two streams: earlier tests' events may still come in, held back until now by
      // another database's transaction (the horizon is the whole cluster's).
      const ours = (events: { streamId: string; type: string }[]) =>
        events.filter((e) => e.streamId === slowStream || e.streamId === fastStream);
      const during = await store.readAll(start, 1000);
      expect(ours(during.events)).toHaveLength(0);
      await slow.query('COMMIT');
      // A transaction elsewhere on the server that began before Fast's still hides it for a moment.
      let after = await store.readAll(during.checkpoint, 1000);
      await until(async () => {
        after = await store.readAll(during.checkpoint, 1000);
        return ours(after.events).length >= 2;
      }, 60_000);
      expect(ours(after.events).map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      await slow.end();
    }
  });

  it('orders readAll by transaction id as a number, not as text', async () => {
    // Rows as if written by transactions 9 and 10 (older than any real one here): as text,
    // '10' < '9', and a batch of one would return 10 and move the checkpoint past 9 for ever.
    const id = stream();
    const insert = (xid: string, position: number): Promise<unknown> =>
      db.pool.query(
        `INSERT INTO events (transaction_id, stream_id, stream_position, event_id, type,
                             schema_version, data, metadata, hash)
         VALUES ($1::xid8, $2, $3, $4, 'Old', 1, '{}', '{}', '\\x00')`,
        [xid, id, position, randomUUID()],
      );
    await insert('10', 1);
    await insert('9', 2);
    try {
      const first = await store.readAll(START_CHECKPOINT, 1);
      expect(first.events.map((e) => e.transactionId)).toEqual(['9']);
      const second = await store.readAll(first.checkpoint, 1);
      expect(second.events.map((e) => e.transactionId)).toEqual(['10']);
    } finally {
      await db.pool.query('DELETE FROM events WHERE stream_id = $1', [id]);
    }
  });

  /**
   * Appends three events of `types` to a new stream and waits until readAll returns them. Gives
   * the checkpoint read from, the whole log after it, and the new stream's events within it.
   */
  async function appendThreeAndReadBack(types: [string, string, string]) {
    const { checkpoint: start } = await store.readAll(START_CHECKPOINT, 1_000_000);
    const id = stream();
    await store.append(
      id,
      'no-stream',
      types.map((type, i) => ({ type, data: { n: i + 1 } })),
    );
    let all = await store.readAll(start, 1_000_000);
    await until(async () => {
      all = await store.readAll(start, 1_000_000);
      return all.events.some((e) => e.streamId === id);
    }, 60_000);
    return { id, start, all: all.events, ours: all.events.filter((e) => e.streamId === id) };
  }

  it('readAll with a filter of types: only those events come back, and the checkpoint moves past the others', async () => {
    const { id, start, all, ours } = await appendThreeAndReadBack(['Skipped', 'Wanted', 'Skipped']);
    const firstTwo = ours[1]!;
    // Two rows: the skipped one and the wanted one, both scanned, one returned whole.
    const batch = await store.readAll(start, all.indexOf(firstTwo) + 1, undefined, {
      only: ['Wanted'],
    });
    expect(batch.events.filter((e) => e.streamId === id)).toEqual([
      expect.objectContaining({ type: 'Wanted', data: { n: 2 } }),
    ]);
    expect(batch.scanned).toBe(all.indexOf(firstTwo) + 1);
    expect(batch.checkpoint).toEqual({
      transactionId: firstTwo.transactionId,
      position: firstTwo.globalPosition,
    });
    // From there, the rest: a batch of nothing wanted still scans and moves the checkpoint.
    const rest = await store.readAll(batch.checkpoint, 1_000_000, undefined, { only: ['Wanted'] });
    expect(rest.events.filter((e) => e.streamId === id)).toEqual([]);
    expect(rest.scanned).toBeGreaterThanOrEqual(1);
    expect(rest.checkpoint.position).toBe(ours[2]!.globalPosition);
  });

  it('readAll with a filter of types to leave out: all events but those come back whole', async () => {
    const { id, start, all, ours } = await appendThreeAndReadBack(['Skipped', 'Wanted', 'Other']);
    const last = ours[2]!;
    const read = await store.readAll(start, all.indexOf(last) + 1, undefined, {
      except: ['Skipped'],
    });
    expect(read.events.filter((e) => e.streamId === id)).toEqual([
      expect.objectContaining({ type: 'Wanted', data: { n: 2 } }),
      expect.objectContaining({ type: 'Other', data: { n: 3 } }),
    ]);
    expect(read.scanned).toBe(all.indexOf(last) + 1);
    expect(read.checkpoint).toEqual({
      transactionId: last.transactionId,
      position: last.globalPosition,
    });
  });

  it('serves an event readAll has just read from memory, as a copy, and reads others from the table', async () => {
    const own = new EventStore(db.pool, undefined, { recentEvents: 2 });
    const id = stream();
    await own.append(id, 'no-stream', [
      { type: 'CaseOpened', data: { title: '加装电梯' } },
      { type: 'DemandSubmitted', data: { content: '老人上下楼难' } },
      { type: 'DemandSubmitted', data: { content: '三楼以上都同意' } },
    ]);
    const [first, second, third] = await own.readStream(id);
    // Read up to the third: another database's open transaction on the same server may hold
    // readAll back for a while (the horizon is the cluster's), so an empty batch is not the end.
    let checkpoint = START_CHECKPOINT;
    await until(async () => {
      const batch = await own.readAll(checkpoint, 1_000);
      checkpoint = batch.checkpoint;
      return batch.events.some((e) => e.eventId === third!.eventId);
    }, 60_000);
    const query = jest.spyOn(db.pool, 'query');
    try {
      const served = await own.readEvent(third!.eventId);
      expect(served).toEqual(third);
      expect(query).not.toHaveBeenCalled();
      // A copy: changing it changes nothing for the next reader.
      (served!.data as { content: string }).content = '改过';
      expect((await own.readEvent(third!.eventId))!.data).toEqual({ content: '三楼以上都同意' });
      expect(await own.readEvent(second!.eventId)).toEqual(second);
      expect(query).not.toHaveBeenCalled();
      // Only the newest two are kept: the first comes from the table.
      expect(await own.readEvent(first!.eventId)).toEqual(first);
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
  });

  describe('hash chain', () => {
    it('verifies an untouched log and names the first broken link of an edited event', async () => {
      const id = stream();
      await store.append(id, 'no-stream', [
        { type: 'A', data: { n: 1, text: '原文' } },
        { type: 'B', data: { n: 2 } },
        { type: 'C', data: { n: 3 } },
      ]);
      const clean = await verifyHashChains(db.pool);
      expect(clean.breaks).toEqual([]);
      expect(clean.events).toBeGreaterThanOrEqual(3);

      await db.pool.query(
        `UPDATE events SET data = '{"n": 2, "forged": true}' WHERE stream_id = $1 AND stream_position = 2`,
        [id],
      );
      const forged = await verifyHashChains(db.pool);
      expect(forged.breaks).toHaveLength(1);
      expect(forged.breaks[0]).toMatchObject({ streamId: id, streamPosition: 2 });
      expect(forged.breaks[0]!.reason).toMatch(/hash/);
    });

    it('chains single-event appends (append_event) and batches (append_events) alike', async () => {
      const id = stream();
      await store.append(id, 'no-stream', [{ type: 'A', data: { n: 1, text: '单' } }]);
      await store.append(id, 1, [
        { type: 'B', data: { n: 2 } },
        { type: 'C', data: null },
      ]);
      await store.append(id, 3, [{ type: 'D', data: { nested: { z: 1, a: [1.5, 'x'] } } }]);
      await store.append(id, 'any', [{ type: 'E', data: null }]);
      const other = stream();
      await store.append(other, 'any', [{ type: 'A', data: {} }]);
      expect(await store.streamVersion(id)).toBe(5);
      expect(await store.streamVersion(other)).toBe(1);
      expect((await store.readStream(id)).map((e) => [e.streamPosition, e.type, e.data])).toEqual([
        [1, 'A', { n: 1, text: '单' }],
        [2, 'B', { n: 2 }],
        [3, 'C', null],
        [4, 'D', { nested: { z: 1, a: [1.5, 'x'] } }],
        [5, 'E', null],
      ]);

      const report = await verifyHashChains(db.pool);
      expect(report.breaks.filter((b) => b.streamId === id || b.streamId === other)).toEqual([]);

      const err = await store
        .append(id, 'no-stream', [{ type: 'F', data: {} }])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConcurrencyConflictError);
      expect((err as ConcurrencyConflictError).details).toMatchObject({
        expected: 'no-stream',
        actual: 5,
      });
    });

    it('detects a deleted event and a truncated stream', async () => {
      const middle = stream();
      const tail = stream();
      for (const id of [middle, tail]) {
        await store.append(id, 'no-stream', [
          { type: 'A', data: {} },
          { type: 'B', data: {} },
          { type: 'C', data: {} },
        ]);
      }
      await db.pool.query('DELETE FROM events WHERE stream_id = $1 AND stream_position = 2', [
        middle,
      ]);
      await db.pool.query('DELETE FROM events WHERE stream_id = $1 AND stream_position = 3', [
        tail,
      ]);
      const report = await verifyHashChains(db.pool);
      const byStream = new Map(report.breaks.map((b) => [b.streamId, b]));
      expect(byStream.get(middle)).toMatchObject({ streamPosition: 2 });
      expect(byStream.get(tail)).toMatchObject({ streamPosition: 3 });
    });
  });
});
