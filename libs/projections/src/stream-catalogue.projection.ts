import { type RecordedEvent } from '@yishi/event-store';
import { ident, type Projection } from './projection';

/** One stream's row, as a batch contributes it (the upsert merges it into the stored row). */
export interface StreamSummary {
  readonly streamId: string;
  readonly category: string;
  /** The highest stream position seen. */
  version: number;
  eventCount: number;
  /**
   * The earliest `occurredAt`, in epoch milliseconds (the precision the store writes); null when no
   * event of the stream carried a usable one.
   */
  firstOccurredAt: number | null;
  /** `occurredAt` of the event at `version` (the stream's latest). */
  lastOccurredAt: number | null;
  lastEventType: string;
}

/** The stream id's prefix before the first '-' (`case-<uuid>` → `case`); the whole id if none. */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

// timestamptz accepts years 4713 BC to 294276 AD; an ISO string outside 1..9999 would not parse.
const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** `occurredAt` as epoch ms, or null when missing or unparsable (never a reason to stop the run). */
export function occurredAtMs(event: Pick<RecordedEvent, 'metadata'>): number | null {
  const value: unknown = (event.metadata as { occurredAt?: unknown } | null)?.occurredAt;
  if (typeof value !== 'string') return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS ? ms : null;
}

/**
 * Folds a batch into one summary per stream, so the upsert writes each stream once. Events of one
 * stream can reach the log out of stream order (a multi-statement transaction that took its xid
 * early), so "latest" means highest position, not last seen.
 */
export function summariseStreams(events: readonly RecordedEvent[]): Map<string, StreamSummary> {
  const streams = new Map<string, StreamSummary>();
  for (const e of events) {
    const at = occurredAtMs(e);
    const s = streams.get(e.streamId);
    if (s === undefined) {
      streams.set(e.streamId, {
        streamId: e.streamId,
        category: categoryOf(e.streamId),
        version: e.streamPosition,
        eventCount: 1,
        firstOccurredAt: at,
        lastOccurredAt: at,
        lastEventType: e.type,
      });
      continue;
    }
    s.eventCount += 1;
    if (at !== null && (s.firstOccurredAt === null || at < s.firstOccurredAt)) {
      s.firstOccurredAt = at;
    }
    if (e.streamPosition > s.version) {
      s.version = e.streamPosition;
      s.lastOccurredAt = at;
      s.lastEventType = e.type;
    }
  }
  return streams;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type CatalogueTable = 'stream_catalogue';

/**
 * The operators' list of every stream with its latest activity (admin screens, metrics):
 * `stream_catalogue(stream_id, category, version, event_count, first_occurred_at,
 * last_occurred_at, last_event_type)`.
 */
export const streamCatalogueProjection: Projection<CatalogueTable> = {
  name: 'stream-catalogue',
  tables: ['stream_catalogue'],

  async createTables(db, tables) {
    const t = tables.stream_catalogue;
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${ident(t)} (
        stream_id         text NOT NULL,
        category          text NOT NULL,
        version           bigint NOT NULL,
        event_count       bigint NOT NULL,
        first_occurred_at timestamptz,
        last_occurred_at  timestamptz,
        last_event_type   text NOT NULL,
        CONSTRAINT ${ident(`${t}_pkey`)} PRIMARY KEY (stream_id)
      )`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS ${ident(`${t}_category_last_idx`)}
         ON ${ident(t)} (category, last_occurred_at DESC)`,
    );
  },

  async apply(db, events, tables) {
    const streams = [...summariseStreams(events).values()];
    if (streams.length === 0) return;
    const t = ident(tables.stream_catalogue);
    await db.query(
      `INSERT INTO ${t} AS c
         (stream_id, category, version, event_count, first_occurred_at, last_occurred_at, last_event_type)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[],
                            $5::timestamptz[], $6::timestamptz[], $7::text[])
       ON CONFLICT (stream_id) DO UPDATE SET
         version           = GREATEST(c.version, EXCLUDED.version),
         event_count       = c.event_count + EXCLUDED.event_count,
         first_occurred_at = LEAST(c.first_occurred_at, EXCLUDED.first_occurred_at),
         last_occurred_at  = CASE WHEN EXCLUDED.version > c.version
                                  THEN EXCLUDED.last_occurred_at ELSE c.last_occurred_at END,
         last_event_type   = CASE WHEN EXCLUDED.version > c.version
                                  THEN EXCLUDED.last_event_type ELSE c.last_event_type END`,
      [
        streams.map((s) => s.streamId),
        streams.map((s) => s.category),
        streams.map((s) => s.version),
        streams.map((s) => s.eventCount),
        streams.map((s) => iso(s.firstOccurredAt)),
        streams.map((s) => iso(s.lastOccurredAt)),
        streams.map((s) => s.lastEventType),
      ],
    );
  },
};
