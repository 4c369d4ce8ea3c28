import { type Queryable } from './event-store';
import { type Checkpoint } from './types';

/** Reads (creating if needed) a subscriber's checkpoint; `forUpdate` locks the row for the transaction. */
export async function loadCheckpoint(
  db: Queryable,
  name: string,
  forUpdate = false,
): Promise<Checkpoint> {
  await db.query({
    name: 'checkpoint_create',
    text: 'INSERT INTO subscription_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
    values: [name],
  });
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>({
    name: forUpdate ? 'checkpoint_lock' : 'checkpoint_read',
    text: `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    values: [name],
  });
  const row = rows[0]!;
  return { transactionId: row.transaction_id, position: Number(row.global_position) };
}

export async function saveCheckpoint(
  db: Queryable,
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await db.query({
    name: 'checkpoint_save',
    text: `UPDATE subscription_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE name = $1`,
    values: [name, checkpoint.transactionId, checkpoint.position],
  });
}

/**
 * Moves a checkpoint from `previous` to `next` in one statement, only if it still stands at
 * `previous` (else false: someone, a rebuild, moved it). Inside a transaction it also locks the
 * row until the commit, as `loadCheckpoint(..., true)` would.
 */
export async function moveCheckpoint(
  db: Queryable,
  name: string,
  previous: Checkpoint,
  next: Checkpoint,
): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'checkpoint_move',
    text: `UPDATE subscription_checkpoints SET transaction_id = $4::xid8, global_position = $5, updated_at = now()
            WHERE name = $1 AND transaction_id = $2::xid8 AND global_position = $3`,
    values: [name, previous.transactionId, previous.position, next.transactionId, next.position],
  });
  return rowCount === 1;
}

/** A checkpoint as stored, or undefined when there is none (unlike `loadCheckpoint`, creates none). */
export async function readCheckpoint(db: Queryable, name: string): Promise<Checkpoint | undefined> {
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>({
    name: 'checkpoint_peek',
    text: `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints WHERE name = $1`,
    values: [name],
  });
  const row = rows[0];
  return row === undefined
    ? undefined
    : { transactionId: row.transaction_id, position: Number(row.global_position) };
}

/** Stores a checkpoint, creating its row if needed. */
export async function storeCheckpoint(
  db: Queryable,
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await db.query({
    name: 'checkpoint_store',
    text: `INSERT INTO subscription_checkpoints (name, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
           ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position, updated_at = now()`,
    values: [name, checkpoint.transactionId, checkpoint.position],
  });
}

/** Whether `a` comes before `b` in the log's reading order (transaction, then position). */
export function checkpointBefore(a: Checkpoint, b: Checkpoint): boolean {
  const ta = BigInt(a.transactionId);
  const tb = BigInt(b.transactionId);
  return ta < tb || (ta === tb && a.position < b.position);
}
