import { randomUUID } from 'node:crypto';
import { type Pool, type QueryResultRow } from 'pg';
import { assertStorableJson, ConcurrencyConflictError, ValidationError } from '@yishi/domain';
import {
  type AppendMetadata,
  type AppendResult,
  type Checkpoint,
  type EventMetadata,
  type EventTypeFilter,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from './types';
import { UpcasterRegistry } from './upcasting';
import { WriteCoalescer, type CoalescerStats, type Outcome } from './write-coalescer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM_ID = /^[^\p{Cc}]{1,200}$/u;
const MAX_EVENTS_PER_APPEND = 10_000;

/** Anything that runs a query: the pool, a checked-out client, or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
  /** A named statement: parsed and planned once per connection (`pg`'s prepared statements). */
  query<R extends QueryResultRow = QueryResultRow>(config: {
    name: string;
    text: string;
    values?: unknown[];
  }): Promise<{ rows: R[]; rowCount: number | null }>;
}

interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
}

/** A named (prepared once per connection) call of append_event or append_events. */
interface AppendQuery {
  readonly name: string;
  readonly text: string;
  readonly values: unknown[];
}

interface AppendRow {
  next_version: string;
  first_position: string;
  last_position: string;
  transaction_id: string;
}

interface BatchRow {
  outcome: 'ok' | 'new' | 'conflict' | 'retry';
  next_version: string | null;
  first_position: string | null;
  last_position: string | null;
  actual_version: string | null;
  transaction_id: string;
}

interface EventPayload {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** One validated append waiting for, or in, a batch. */
interface AppendRequest {
  readonly streamId: string;
  readonly eventCount: number;
  readonly expected: ExpectedVersion;
  readonly expectedParam: number | null;
  readonly events: readonly EventPayload[];
  readonly metadata: EventMetadata;
  /** Sends so far; an 'any' append that lost the race to create its stream is sent again. */
  attempts: number;
}

export interface EventStoreOptions {
  /**
   * Append statements in flight at once; appends arriving meanwhile wait and leave together in the
   * next one (group commit). Default 2: one statement running while the next one fills; more
   * only cuts the queue into smaller batches, each a transaction and a commit of its own.
   */
  readonly maxBatchesInFlight?: number;
  /** Appends per statement; 1 turns coalescing off. Default 64. */
  readonly maxAppendsPerBatch?: number;
  /**
   * Events per statement (a bigger single append goes alone). Default 200: past a few hundred
   * events the commit is a small part of a statement's cost, and one big statement would keep
   * the work on one server core where several could run side by side.
   */
  readonly maxEventsPerBatch?: number;
  /** Events read by `readAll` kept in memory for `readEvent` (they never change). Default 5,000. */
  readonly recentEvents?: number;
}

const ANY_RACE_ATTEMPTS = 3;

const BATCH_TEXT =
  'SELECT outcome, next_version, first_position, last_position, actual_version, transaction_id::text FROM append_batch($1::text[], $2::bigint[], $3::integer[], $4::jsonb[], $5::uuid[], $6::text[], $7::integer[], $8::jsonb[])';

const EVENT_HEADER_COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, stream_position, event_id, type, schema_version';
const EVENT_COLUMNS = `${EVENT_HEADER_COLUMNS}, data, metadata`;

export type AppendListener = (streamId: string, result: AppendResult, durationMs: number) => void;

export class EventStore {
  private readonly listeners = new Set<AppendListener>();
  /** Events read lately by `readAll`, by id, oldest first (see `readEvent`). */
  private readonly recent = new Map<string, RecordedEvent>();
  private readonly recentLimit: number;
  private readonly coalescer: WriteCoalescer<AppendRequest, AppendResult>;

  constructor(
    private readonly pool: Pool,
    readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
    options: EventStoreOptions = {},
  ) {
    this.recentLimit = options.recentEvents ?? 5_000;
    this.coalescer = new WriteCoalescer((batch) => this.sendBatch(batch), {
      maxInFlight: options.maxBatchesInFlight ?? 2,
      maxAppends: options.maxAppendsPerBatch ?? 64,
      maxEvents: options.maxEventsPerBatch ?? 200,
    });
  }

  /**
   * Appends atomically in one round trip. Throws ConcurrencyConflictError when the stream is not at
   * `expected`; never drops events silently. Concurrent appends to other streams may share the
   * statement and transaction (group commit), each still checked and settled on its own.
   */
  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: AppendMetadata = {},
  ): Promise<AppendResult> {
    if (!STREAM_ID.test(streamId)) throw new ValidationError('记录编号不正确', { streamId });
    if (events.length === 0) throw new ValidationError('没有要保存的内容');
    if (events.length > MAX_EVENTS_PER_APPEND) throw new ValidationError('一次要保存的内容太多');
    const expectedParam = expectedToParam(expected);
    const meta: EventMetadata = {
      ...metadata,
      actorId: metadata.actorId ?? null,
      correlationId: metadata.correlationId ?? randomUUID(),
      causationId: metadata.causationId ?? null,
      occurredAt: metadata.occurredAt ?? new Date().toISOString(),
    };
    const payload = events.map((e) => {
      const id = (e.id ?? randomUUID()).toLowerCase();
      if (!UUID.test(id)) throw new ValidationError('记录编号须为 UUID', { id });
      if (!/^[A-Za-z][A-Za-z0-9.:_-]{0,199}$/.test(e.type))
        throw new ValidationError('无法识别的记录类型', { type: e.type });
      assertStorableJson(e.data, `$.${e.type}`);
      return {
        id,
        type: e.type,
        schemaVersion: e.schemaVersion ?? this.upcasters.currentVersion(e.type),
        data: e.data ?? null,
        metadata: meta,
      };
    });
    assertStorableJson(meta, '$.metadata');

    const started = performance.now();
    const result = await this.coalescer.submit({
      streamId,
      eventCount: payload.length,
      expected,
      expectedParam,
      events: payload,
      metadata: meta,
      attempts: 0,
    });
    // From the call to the result, time spent waiting for a batch included.
    const durationMs = performance.now() - started;
    for (const listener of this.listeners) listener(streamId, result, durationMs);
    return result;
  }

  /** How well appends coalesce: statements sent and appends they carried, since construction. */
  appendStats(): CoalescerStats {
    return this.coalescer.stats();
  }

  private async sendBatch(
    batch: readonly AppendRequest[],
  ): Promise<readonly Outcome<AppendResult>[]> {
    for (const request of batch) request.attempts += 1;
    // A lone append keeps the cheaper single-stream functions.
    if (batch.length === 1) return [await this.appendAlone(batch[0]!)];
    let rows: BatchRow[];
    try {
      ({ rows } = await this.pool.query<BatchRow>({
        name: 'append_batch',
        text: BATCH_TEXT,
        values: batchValues(batch),
      }));
    } catch (error) {
      // The statement rolled back as a whole. An error that one append's data can cause (a
      // duplicate event id, a value PostgreSQL rejects) must not fail its batch-mates: each goes
      // again alone and gets its own result. Anything else (connection lost, timeout) fails all.
      if (isDataError(error)) return Promise.all(batch.map((r) => this.appendAlone(r)));
      throw error;
    }
    return batch.map((request, i): Outcome<AppendResult> => {
      const row = rows[i];
      if (row === undefined) throw new Error('append_batch returned fewer rows than appends');
      if (row.outcome === 'ok' || row.outcome === 'new')
        return {
          kind: 'ok',
          value: {
            nextExpectedVersion: Number(row.next_version),
            firstPosition: Number(row.first_position),
            lastPosition: Number(row.last_position),
            transactionId: row.transaction_id,
          },
        };
      if (row.outcome === 'retry' && request.attempts < ANY_RACE_ATTEMPTS) return { kind: 'retry' };
      return {
        kind: 'error',
        error:
          row.outcome === 'retry'
            ? raceConflict(request.streamId, request.expected)
            : versionConflict(
                request.streamId,
                request.expected,
                row.actual_version === null ? undefined : Number(row.actual_version),
              ),
      };
    });
  }

  private async appendAlone(request: AppendRequest): Promise<Outcome<AppendResult>> {
    try {
      const row = await this.callAppend(request.streamId, request.expected, loneQuery(request));
      return {
        kind: 'ok',
        value: {
          nextExpectedVersion: Number(row.next_version),
          firstPosition: Number(row.first_position),
          lastPosition: Number(row.last_position),
          transactionId: row.transaction_id,
        },
      };
    } catch (error) {
      return { kind: 'error', error };
    }
  }

  private async callAppend(
    streamId: string,
    expected: ExpectedVersion,
    query: AppendQuery,
  ): Promise<AppendRow> {
    // With 'any', two first appends to one new stream race on position 1; the loser simply retries.
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.pool.query<AppendRow>(query);
        return rows[0]!;
      } catch (error) {
        const mapped = mapAppendError(error, streamId, expected);
        if (
          expected === 'any' &&
          mapped instanceof ConcurrencyConflictError &&
          isPositionRace(error) &&
          attempt < ANY_RACE_ATTEMPTS
        ) {
          continue;
        }
        throw mapped;
      }
    }
  }

  /** Events of one stream with position > `afterVersion`, oldest first. */
  async readStream(
    streamId: string,
    options: { afterVersion?: number; limit?: number } = {},
  ): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'read_stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_position > $2 ORDER BY stream_position LIMIT $3`,
      values: [streamId, options.afterVersion ?? 0, options.limit ?? 1_000_000],
    });
    return rows.map((r) => this.toRecorded(r));
  }

  async streamVersion(streamId: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ version: string }>(
      'SELECT version FROM streams WHERE stream_id = $1',
      [streamId],
    );
    return rows[0] === undefined ? undefined : Number(rows[0].version);
  }

  /**
   * One event by id. An event never changes once stored, so one this process read in a batch
   * moments ago (`readAll`: the relay has just read every event it hands to the queues) is served
   * from memory, a copy, without a query.
   */
  async readEvent(eventId: string): Promise<RecordedEvent | undefined> {
    if (!UUID.test(eventId)) return undefined;
    const recent = this.recent.get(eventId);
    if (recent !== undefined) return structuredClone(recent);
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] === undefined ? undefined : this.toRecorded(rows[0]);
  }

  /**
   * Committed events after `checkpoint`, at most `limit` rows, in commit order, gap-safe: only
   * rows of transactions older than every transaction still running, so nothing can later appear
   * behind the returned checkpoint. With a `filter`, only the events it wants come back whole; the
   * others are read as their position alone (no data or metadata leaves the server), and the
   * checkpoint still moves past them: `scanned` counts every row, so a batch of nothing wanted is
   * not taken for the end of the log.
   */
  async readAll(
    checkpoint: Checkpoint,
    limit: number,
    db: Queryable = this.pool,
    filter?: EventTypeFilter,
  ): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint; scanned: number }> {
    // ORDER BY names the table's columns: a bare name means the output column, here
    // transaction_id::text, whose order puts '10' before '9' (skipping events) and has no index.
    const after = `WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`;
    const values = [checkpoint.transactionId, checkpoint.position, limit];
    let query: { name: string; text: string; values: unknown[] };
    if (filter === undefined) {
      query = { name: 'read_all', text: `SELECT ${EVENT_COLUMNS} FROM events ${after}`, values };
    } else {
      const only = 'only' in filter;
      query = {
        name: only ? 'read_all_of_types' : 'read_all_but_types',
        text: `SELECT ${EVENT_HEADER_COLUMNS}, w.wanted,
               CASE WHEN w.wanted THEN data END AS data,
               CASE WHEN w.wanted THEN metadata END AS metadata
          FROM events,
               LATERAL (SELECT events.type ${only ? '= ANY' : '<> ALL'} ($4::text[]) AS wanted) w
        ${after}`,
        values: [...values, [...(only ? filter.only : filter.except)]],
      };
    }
    const { rows } = await db.query<EventRow & { wanted?: boolean }>(query);
    const events = rows.filter((r) => r.wanted !== false).map((r) => this.toRecorded(r));
    this.remember(events);
    const last = rows[rows.length - 1];
    return {
      events,
      scanned: rows.length,
      checkpoint:
        last === undefined
          ? checkpoint
          : { transactionId: last.transaction_id, position: Number(last.global_position) },
    };
  }

  private remember(events: readonly RecordedEvent[]): void {
    const keep = this.recentLimit;
    if (keep === 0) return;
    for (const event of events.length > keep ? events.slice(-keep) : events) {
      this.recent.set(event.eventId, event);
    }
    // Oldest first out (a Map iterates in insertion order).
    for (const id of this.recent.keys()) {
      if (this.recent.size <= keep) break;
      this.recent.delete(id);
    }
  }

  /** Called after every successful append in this process (the relay polls sooner). */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private toRecorded(row: EventRow): RecordedEvent {
    const { schemaVersion, data } = this.upcasters.upcast(row.type, row.schema_version, row.data);
    return {
      globalPosition: Number(row.global_position),
      transactionId: row.transaction_id,
      streamId: row.stream_id,
      streamPosition: Number(row.stream_position),
      eventId: row.event_id,
      type: row.type,
      schemaVersion,
      data,
      metadata: row.metadata,
    };
  }
}

function expectedToParam(expected: ExpectedVersion): number | null {
  if (expected === 'any') return null;
  if (expected === 'no-stream') return 0;
  if (!Number.isSafeInteger(expected) || expected < 1) {
    throw new ValidationError('版本号须为正整数、"no-stream" 或 "any"', {
      expected,
    });
  }
  return expected;
}

/**
 * One event (the common case) goes through the cheaper append_event: typed parameters, no jsonb
 * array to unpack. Both functions share the contract and the hash chain.
 */
function loneQuery(request: AppendRequest): AppendQuery {
  const { streamId, expectedParam, events, metadata } = request;
  const single = events.length === 1 ? events[0] : undefined;
  return single === undefined
    ? {
        name: 'append_events',
        text: 'SELECT next_version, first_position, last_position, transaction_id::text FROM append_events($1, $2, $3::jsonb)',
        values: [streamId, expectedParam, JSON.stringify(events)],
      }
    : {
        name: 'append_event',
        text: 'SELECT next_version, first_position, last_position, transaction_id::text FROM append_event($1, $2, $3::uuid, $4, $5::integer, $6::jsonb, $7::jsonb)',
        values: [
          streamId,
          expectedParam,
          single.id,
          single.type,
          single.schemaVersion,
          // JSON text, so that null data is the jsonb null the batch path stores, not SQL NULL.
          JSON.stringify(single.data),
          JSON.stringify(metadata),
        ],
      };
}

/** append_batch's parallel arrays: per append, then per event (appends in order). */
function batchValues(batch: readonly AppendRequest[]): unknown[] {
  const streamIds: string[] = [];
  const expected: (number | null)[] = [];
  const counts: number[] = [];
  const metadata: string[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const schemaVersions: number[] = [];
  const data: string[] = [];
  for (const request of batch) {
    streamIds.push(request.streamId);
    expected.push(request.expectedParam);
    counts.push(request.events.length);
    metadata.push(JSON.stringify(request.metadata));
    for (const e of request.events) {
      ids.push(e.id);
      types.push(e.type);
      schemaVersions.push(e.schemaVersion);
      // JSON text: null data is the jsonb null, as in the other paths.
      data.push(JSON.stringify(e.data));
    }
  }
  return [streamIds, expected, counts, metadata, ids, types, schemaVersions, data];
}

/** SQLSTATE classes 22 (data), 23 (integrity) and 40 (rollback): the batch changed nothing. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|40)/.test(code);
}

function versionConflict(
  streamId: string,
  expected: ExpectedVersion,
  actual: unknown,
): ConcurrencyConflictError {
  return new ConcurrencyConflictError(`内容已被他人修改，请刷新后再试（${streamId}）`, {
    streamId,
    expected,
    actual,
  });
}

function raceConflict(streamId: string, expected: ExpectedVersion): ConcurrencyConflictError {
  return new ConcurrencyConflictError(`内容刚刚被他人修改，请刷新后再试（${streamId}）`, {
    streamId,
    expected,
  });
}

function isPositionRace(error: unknown): boolean {
  const pg = error as { code?: string; constraint?: string };
  return pg.code === '23505' && pg.constraint === 'events_stream_position_key';
}

function mapAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const pg = error as { code?: string; constraint?: string; detail?: string };
  if (pg.code === 'YS409') {
    let actual: unknown;
    try {
      actual = (JSON.parse(pg.detail ?? '{}') as { actual?: unknown }).actual;
    } catch {
      actual = undefined;
    }
    return versionConflict(streamId, expected, actual);
  }
  if (pg.code === '23505' && pg.constraint === 'events_stream_position_key') {
    return raceConflict(streamId, expected);
  }
  if (pg.code === '23505' && pg.constraint === 'events_event_id_key') {
    return new ConcurrencyConflictError('这次操作已经保存过了', { streamId });
  }
  return error;
}
