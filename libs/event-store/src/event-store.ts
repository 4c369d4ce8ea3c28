import { randomUUID } from 'node:crypto';
import { type Pool, type QueryResultRow } from 'pg';
import { ConcurrencyConflictError, ValidationError } from '@yishi/domain';
import { assertStorableJson } from './json-guard';
import {
  type AppendMetadata,
  type AppendResult,
  type Checkpoint,
  type EventMetadata,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
} from './types';
import { UpcasterRegistry } from './upcasting';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STREAM_ID = /^[^\p{Cc}]{1,200}$/u;
const MAX_EVENTS_PER_APPEND = 10_000;

/** Anything that runs a query: the pool, a checked-out client, or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[] }>;
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

const EVENT_COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, stream_position, event_id, type, schema_version, data, metadata';

export type AppendListener = (streamId: string, result: AppendResult, durationMs: number) => void;

export class EventStore {
  private readonly listeners = new Set<AppendListener>();

  constructor(
    private readonly pool: Pool,
    readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
  ) {}

  /**
   * Appends atomically in one round trip. Throws ConcurrencyConflictError when the stream is not at
   * `expected`; never drops events silently.
   */
  async append(
    streamId: string,
    expected: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: AppendMetadata = {},
  ): Promise<AppendResult> {
    if (!STREAM_ID.test(streamId)) throw new ValidationError('Invalid stream id', { streamId });
    if (events.length === 0) throw new ValidationError('Nothing to append');
    if (events.length > MAX_EVENTS_PER_APPEND)
      throw new ValidationError('Too many events in one append');
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
      if (!UUID.test(id)) throw new ValidationError('Event id must be a UUID', { id });
      if (!/^[A-Za-z][A-Za-z0-9.:_-]{0,199}$/.test(e.type))
        throw new ValidationError('Invalid event type', { type: e.type });
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

    // One event (the common case) goes through the cheaper append_event: typed parameters, no
    // jsonb array to unpack. Both functions share the contract and the hash chain.
    const single = payload.length === 1 ? payload[0] : undefined;
    const query: AppendQuery =
      single === undefined
        ? {
            name: 'append_events',
            text: 'SELECT next_version, first_position, last_position, transaction_id::text FROM append_events($1, $2, $3::jsonb)',
            values: [streamId, expectedParam, JSON.stringify(payload)],
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
              JSON.stringify(meta),
            ],
          };
    const started = performance.now();
    const row = await this.callAppend(streamId, expected, query);
    const durationMs = performance.now() - started;
    const result: AppendResult = {
      nextExpectedVersion: Number(row.next_version),
      firstPosition: Number(row.first_position),
      lastPosition: Number(row.last_position),
      transactionId: row.transaction_id,
    };
    for (const listener of this.listeners) listener(streamId, result, durationMs);
    return result;
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
          attempt < 3
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

  async readEvent(eventId: string): Promise<RecordedEvent | undefined> {
    if (!UUID.test(eventId)) return undefined;
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] === undefined ? undefined : this.toRecorded(rows[0]);
  }

  /**
   * Committed events after `checkpoint`, in (transaction id, position) order, gap-safe: only rows of
   * transactions older than every transaction still running, so nothing can later appear behind
   * the returned checkpoint.
   */
  async readAll(
    checkpoint: Checkpoint,
    limit: number,
    db: Queryable = this.pool,
  ): Promise<{ events: RecordedEvent[]; checkpoint: Checkpoint }> {
    // ORDER BY names the table's columns: a bare name means the output column, here
    // transaction_id::text, whose order puts '10' before '9' (skipping events) and has no index.
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      [checkpoint.transactionId, checkpoint.position, limit],
    );
    const events = rows.map((r) => this.toRecorded(r));
    const last = events[events.length - 1];
    return {
      events,
      checkpoint:
        last === undefined
          ? checkpoint
          : { transactionId: last.transactionId, position: last.globalPosition },
    };
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
    throw new ValidationError('Expected version must be a positive integer, "no-stream" or "any"', {
      expected,
    });
  }
  return expected;
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
    return new ConcurrencyConflictError(`Stream ${streamId} is not at the expected version`, {
      streamId,
      expected,
      actual,
    });
  }
  if (pg.code === '23505' && pg.constraint === 'events_stream_position_key') {
    return new ConcurrencyConflictError(`Stream ${streamId} was appended to concurrently`, {
      streamId,
      expected,
    });
  }
  if (pg.code === '23505' && pg.constraint === 'events_event_id_key') {
    return new ConcurrencyConflictError('An event with this id is already stored', { streamId });
  }
  return error;
}
