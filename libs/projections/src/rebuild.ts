import { type Client } from 'pg';
import { AdvisoryLeader } from '@yishi/database';
import {
  loadCheckpoint,
  saveCheckpoint,
  START_CHECKPOINT,
  type Checkpoint,
  type EventStore,
  type SubscriptionLog,
} from '@yishi/event-store';
import {
  ident,
  liveTableNames,
  projectionCheckpointName,
  rebuildTableNames,
  relevantEvents,
  type Projection,
  type TableNames,
} from './projection';
import { withTransaction } from './transaction';

export interface RebuildOptions {
  /** Events per read and per transaction while replaying. */
  readonly batchSize?: number;
  /** Progress is logged at most this often. */
  readonly progressEveryMs?: number;
}

export interface RebuildResult {
  /** Events read from the log (the projection may skip some by type). */
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Where the live runner continues from. */
  readonly checkpoint: Checkpoint;
}

export type RebuildLog = Pick<SubscriptionLog, 'info'>;

type Batch = Awaited<ReturnType<EventStore['readAll']>>;

/**
 * Rebuilds a projection from the whole log without stopping its live runner: replay into
 * `<table>__rebuild` copies, then in one transaction lock the live checkpoint row (the runner's
 * batches wait on it), catch up the last events, drop the live tables, rename the copies into
 * place and set the live checkpoint to the rebuild's. A runner that read a batch before the swap
 * finds the checkpoint moved and reloads it, so no event is counted twice or missed.
 *
 * Uses a session of its own (which also holds the rebuild's advisory lock) and, to read ahead
 * while it writes, one connection of the store's pool.
 */
export async function rebuildProjection<TTable extends string>(
  databaseUrl: string,
  store: EventStore,
  projection: Projection<TTable>,
  log: RebuildLog,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const batchSize = options.batchSize ?? 10_000;
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  const checkpointName = projectionCheckpointName(projection);
  const live = liveTableNames(projection);
  const copies = rebuildTableNames(projection);

  // One rebuild per projection at a time; the lock's session does all the work.
  const lock = new AdvisoryLeader(databaseUrl, `rebuild:${projection.name}`);
  const client = await lock.tryAcquire();
  if (client === undefined) {
    throw new Error(`a rebuild of ${projection.name} is already running`);
  }
  try {
    const started = process.hrtime.bigint();
    const elapsed = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    let checkpoint: Checkpoint = START_CHECKPOINT;
    let events = 0;
    let lastProgress = Date.now();

    /** Writes one batch to the copies on `client` (the caller owns the transaction). */
    const applyBatch = async (batch: Batch): Promise<void> => {
      const relevant = relevantEvents(projection, batch.events);
      if (relevant.length > 0) await projection.apply(client, relevant, copies);
      checkpoint = batch.checkpoint;
      events += batch.events.length;
    };
    /** Reads on the store's pool, so the next batch is parsed while Postgres writes this one. */
    const readAhead = (after: Checkpoint): Promise<Batch> => {
      const read = store.readAll(after, batchSize);
      void read.catch(() => undefined); // awaited later; never an unhandled rejection meanwhile
      return read;
    };

    await withTransaction(client, async () => {
      for (const table of projection.tables) {
        await client.query(`DROP TABLE IF EXISTS ${ident(copies[table])}`);
      }
      await projection.createTables(client, copies);
    });
    log.info({ projection: projection.name, tables: Object.values(copies) }, 'rebuild started');

    // The log's head as committed when the rebuild starts: the rebuild takes in at least that far.
    const head = await logHead(client);

    // Replay, one transaction per batch, until a batch comes back short (the head is near).
    let next = readAhead(checkpoint);
    for (;;) {
      const batch = await next;
      const full = batch.events.length === batchSize;
      if (full) next = readAhead(batch.checkpoint);
      if (batch.events.length > 0) await withTransaction(client, () => applyBatch(batch));
      if (Date.now() - lastProgress >= progressEveryMs) {
        lastProgress = Date.now();
        log.info(
          { projection: projection.name, events, eventsPerSecond: Math.round(events / elapsed()) },
          'rebuild progress',
        );
      }
      if (!full) break;
    }
    // readAll stops below the oldest transaction still open anywhere on the server (its snapshot's
    // xmin), so a long transaction elsewhere can hide events committed before the start for a
    // while: wait for them rather than swap in a copy that lacks them.
    while (head !== undefined && before(checkpoint, head)) {
      const batch = await store.readAll(checkpoint, batchSize);
      if (batch.events.length > 0) await withTransaction(client, () => applyBatch(batch));
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }

    await withTransaction(client, async () => {
      // Blocks the live runner's batches (and waits for the one in hand) until the swap commits.
      await loadCheckpoint(client, checkpointName, true);
      for (;;) {
        const batch = await store.readAll(checkpoint, batchSize, client);
        if (batch.events.length > 0) await applyBatch(batch);
        if (batch.events.length < batchSize) break;
      }
      await swapTables(client, projection, copies, live);
      await saveCheckpoint(client, checkpointName, checkpoint);
    });

    const seconds = elapsed();
    const result: RebuildResult = {
      events,
      seconds,
      eventsPerSecond: seconds > 0 ? Math.round(events / seconds) : events,
      checkpoint,
    };
    log.info({ projection: projection.name, ...result }, 'rebuild finished');
    return result;
  } finally {
    await lock.release();
  }
}

/**
 * Drops each live table and renames its copy into place, with the copy's indexes, constraints and
 * owned sequences: names that start with the copy's name get the live name instead, so the next
 * rebuild can create its copies under the same names again.
 */
async function swapTables<TTable extends string>(
  client: Client,
  projection: Projection<TTable>,
  copies: TableNames<TTable>,
  live: TableNames<TTable>,
): Promise<void> {
  for (const table of projection.tables) {
    const from = copies[table];
    const to = live[table];
    await client.query(`DROP TABLE IF EXISTS ${ident(to)}`);
    await client.query(`ALTER TABLE ${ident(from)} RENAME TO ${ident(to)}`);
    const renamed = (name: string): string | undefined =>
      name.startsWith(from) ? `${to}${name.slice(from.length)}` : undefined;

    const { rows: relations } = await client.query<{ name: string; kind: string }>(
      `SELECT c.relname AS name, c.relkind::text AS kind
         FROM pg_class c
        WHERE c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = $1::regclass)
           OR (c.relkind = 'S' AND c.oid IN (
                SELECT objid FROM pg_depend
                 WHERE refobjid = $1::regclass AND classid = 'pg_class'::regclass
                   AND deptype IN ('a', 'i')))`,
      [to],
    );
    for (const { name, kind } of relations) {
      const target = renamed(name);
      if (target === undefined) continue;
      // Renaming a constraint's index renames the constraint too.
      const what = kind === 'S' ? 'SEQUENCE' : 'INDEX';
      await client.query(`ALTER ${what} ${ident(name)} RENAME TO ${ident(target)}`);
    }
    const { rows: constraints } = await client.query<{ name: string }>(
      // Check and foreign-key constraints have no index of their own to rename.
      `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('c', 'f')`,
      [to],
    );
    for (const { name } of constraints) {
      const target = renamed(name);
      if (target === undefined) continue;
      await client.query(
        `ALTER TABLE ${ident(to)} RENAME CONSTRAINT ${ident(name)} TO ${ident(target)}`,
      );
    }
  }
}

/** The newest event committed (by this session's snapshot), or undefined for an empty log. */
async function logHead(client: Client): Promise<Checkpoint | undefined> {
  const { rows } = await client.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text, global_position FROM events
      ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  const row = rows[0];
  return row === undefined
    ? undefined
    : { transactionId: row.transaction_id, position: Number(row.global_position) };
}

/** Whether checkpoint `a` is before `b` in the log's order (transaction id, then position). */
function before(a: Checkpoint, b: Checkpoint): boolean {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  return ta < tb || (ta === tb && a.position < b.position);
}
