import { randomUUID } from 'node:crypto';
import { Pool, types, type CustomTypesConfig, type Pool as PgPool } from 'pg';
import { type Event } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { createPool, runMigrations } from '@yishi/database';
import { EventStore, type EventStoreOptions } from '@yishi/event-store';

/** `solo`: ours with group commit off, one append per statement (what `ours` was before it). */
export type ContenderName = 'raw' | 'ours' | 'solo' | 'emmett';

/** One writer's next append: `eventsPerAppend` events to the writer's own stream. */
export type Append = () => Promise<void>;

export interface Session {
  /** A writer on a stream of its own, appending with the correct expected version. */
  writer(eventsPerAppend: number): Append;
  /** Appends per statement over the session, for a contender that coalesces them. */
  appendsPerStatement?(): number;
  close(): Promise<void>;
}

export interface Contender {
  readonly name: ContenderName;
  readonly description: string;
  /** Puts the schema into the (empty) template database every measurement is copied from. */
  prepareTemplate(url: string): Promise<void>;
  /** Opens a pool of `poolSize` connections on a fresh copy; the first append is already done. */
  open(url: string, poolSize: number): Promise<Session>;
}

/** The same payload for every contender: a small domain-like event. */
const BODY = 'Residents of building 7 ask the committee to review the courtyard parking plan.';
function eventData(seq: number): { seq: number; title: string; body: string; votes: number[] } {
  return { seq, title: 'Proposal submitted', body: BODY, votes: [1, 2, 3] };
}

function poolFor(url: string, max: number): PgPool {
  return createPool({
    databaseUrl: url,
    max,
    statementTimeoutMs: 30_000,
    applicationName: 'yishi-bench',
  });
}

// --- raw pg: the ceiling for one statement per append --------------------------------------------

const RAW_COLUMNS = 6;

/** `VALUES ($1,...,$6), ($7,...)` for `rows` rows. */
function valuesList(rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const base = r * RAW_COLUMNS;
    out.push(`(${Array.from({ length: RAW_COLUMNS }, (_, c) => `$${base + c + 1}`).join(', ')})`);
  }
  return out.join(', ');
}

export const rawContender: Contender = {
  name: 'raw',
  description:
    'raw pg: one prepared INSERT per append into an events-shaped table (multi-row for batches); version tracked by the client, guarded by unique (stream_id, stream_position)',
  async prepareTemplate(url) {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(`
        CREATE TABLE events (
          id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          stream_id       text NOT NULL,
          stream_position bigint NOT NULL,
          event_id        uuid NOT NULL UNIQUE,
          type            text NOT NULL,
          data            jsonb NOT NULL,
          metadata        jsonb NOT NULL,
          UNIQUE (stream_id, stream_position)
        )`);
    } finally {
      await pool.end();
    }
  },
  async open(url, poolSize) {
    const pool = poolFor(url, poolSize);
    const session: Session = {
      writer(eventsPerAppend) {
        const streamId = `case-${randomUUID()}`;
        const name = `raw_insert_${eventsPerAppend}`;
        const text = `INSERT INTO events (stream_id, stream_position, event_id, type, data, metadata) VALUES ${valuesList(eventsPerAppend)}`;
        let version = 0;
        return async () => {
          // Same metadata shape and size as the event store writes.
          const metadata = JSON.stringify({
            actorId: null,
            correlationId: randomUUID(),
            causationId: null,
            occurredAt: new Date().toISOString(),
          });
          const values: unknown[] = [];
          for (let i = 1; i <= eventsPerAppend; i++) {
            values.push(
              streamId,
              version + i,
              randomUUID(),
              'BenchEvent',
              JSON.stringify(eventData(version + i)),
              metadata,
            );
          }
          await pool.query({ name, text, values });
          version += eventsPerAppend;
        };
      },
      close: () => pool.end(),
    };
    await session.writer(1)();
    return session;
  },
};

// --- ours ---------------------------------------------------------------------------------------

function oursLike(name: ContenderName, description: string, options: EventStoreOptions): Contender {
  return {
    name,
    description,
    async prepareTemplate(url) {
      await runMigrations(url);
    },
    async open(url, poolSize) {
      const pool = poolFor(url, poolSize);
      const store = new EventStore(pool, undefined, options);
      const session: Session = {
        writer(eventsPerAppend) {
          const streamId = `case-${randomUUID()}`;
          let version = 0;
          return async () => {
            const events = Array.from({ length: eventsPerAppend }, (_, i) => ({
              type: 'BenchEvent',
              data: eventData(version + i + 1),
            }));
            const result = await store.append(
              streamId,
              version === 0 ? 'no-stream' : version,
              events,
            );
            version = result.nextExpectedVersion;
          };
        },
        appendsPerStatement() {
          const { appends, batches } = store.appendStats();
          return batches === 0 ? 0 : appends / batches;
        },
        close: () => pool.end(),
      };
      await session.writer(1)();
      return session;
    },
  };
}

export const oursContender = oursLike(
  'ours',
  'ours: EventStore.append as the app uses it, with group commit: concurrent appends to distinct streams leave together in one append_batch() statement and transaction (default: up to pool/2 statements in flight; a lone append still goes at once through append_event()/append_events()); version check and streams row, hash chain, per-append result; runMigrations database, createPool pool; expected version = last nextExpectedVersion',
  {},
);

export const soloContender = oursLike(
  'solo',
  'solo: the same EventStore with group commit off (maxAppendsPerBatch 1): every append its own autocommit statement, append_event() for one event, append_events() for a batch',
  { maxAppendsPerBatch: 1 },
);

// --- emmett -------------------------------------------------------------------------------------

type BenchEvent = Event<'BenchEvent', ReturnType<typeof eventData>>;

const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;

/**
 * emmett's driver (dumbo) replaces pg's process-wide parsers for int8 and json(b) the first time it
 * builds a pool, which would change what raw and ours get back in this same process. emmett gets
 * those parsers on its own pool instead, and the global ones are put back.
 */
type Parser = (value: string) => unknown;
const globalParser = (oid: number): Parser => types.getTypeParser(oid, 'text') as Parser;

const emmettTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
    if (format !== 'binary') {
      if (oid === INT8) return (v: string) => BigInt(v);
      if (oid === JSON_OID || oid === JSONB) return (v: string): unknown => JSON.parse(v);
    }
    return types.getTypeParser(oid, format) as unknown;
  }) as CustomTypesConfig['getTypeParser'],
};

function keepGlobalPgParsers<T>(build: () => T): T {
  const saved = [INT8, JSON_OID, JSONB].map((oid) => [oid, globalParser(oid)] as const);
  let built: T;
  try {
    built = build();
  } finally {
    for (const [oid, parser] of saved) types.setTypeParser(oid, 'text', parser);
  }
  if (globalParser(INT8)('1') !== '1') throw new Error('pg int8 parser was not restored');
  return built;
}

function openEmmett(url: string, poolSize: number) {
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    types: emmettTypes,
    application_name: 'yishi-bench-emmett',
  });
  pool.on('error', () => undefined);
  const store = keepGlobalPgParsers(() =>
    getPostgreSQLEventStore(url, { connectionOptions: { pool } }),
  );
  return {
    store,
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
}

export const emmettContender: Contender = {
  name: 'emmett',
  description:
    'emmett 0.42: PostgreSQLEventStore.appendToStream (BEGIN, emt_append_to_stream(), COMMIT) on its own pg.Pool of the same size; expectedStreamVersion = the nextExpectedStreamVersion it returned (0n for a new stream)',
  async prepareTemplate(url) {
    const { store, close } = openEmmett(url, 1);
    try {
      await store.schema.migrate();
    } finally {
      await close();
    }
  },
  async open(url, poolSize) {
    const { store, close } = openEmmett(url, poolSize);
    const session: Session = {
      writer(eventsPerAppend) {
        // emmett derives the stream type from the part before the first '-'.
        const streamName = `case-${randomUUID()}`;
        let version = 0n;
        return async () => {
          const events: BenchEvent[] = Array.from({ length: eventsPerAppend }, (_, i) => ({
            type: 'BenchEvent',
            data: eventData(Number(version) + i + 1),
          }));
          const result = await store.appendToStream(streamName, events, {
            expectedStreamVersion: version,
          });
          version = result.nextExpectedStreamVersion;
        };
      },
      close,
    };
    // First use runs emmett's schema check (migrations against the copied schema): not timed.
    await session.writer(1)();
    return session;
  },
};

export const CONTENDERS: readonly Contender[] = [
  rawContender,
  oursContender,
  soloContender,
  emmettContender,
];
