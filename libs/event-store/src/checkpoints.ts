import { type Queryable } from './event-store';
import { type Checkpoint } from './types';

/** Reads (creating if needed) a subscriber's checkpoint; `forUpdate` locks the row for the transaction. */
export async function loadCheckpoint(
  db: Queryable,
  name: string,
  forUpdate = false,
): Promise<Checkpoint> {
  await db.query(
    'INSERT INTO subscription_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING',
    [name],
  );
  const { rows } = await db.query<{ transaction_id: string; global_position: string }>(
    `SELECT transaction_id::text AS transaction_id, global_position FROM subscription_checkpoints WHERE name = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [name],
  );
  const row = rows[0]!;
  return { transactionId: row.transaction_id, position: Number(row.global_position) };
}

export async function saveCheckpoint(
  db: Queryable,
  name: string,
  checkpoint: Checkpoint,
): Promise<void> {
  await db.query(
    `UPDATE subscription_checkpoints SET transaction_id = $2::xid8, global_position = $3, updated_at = now() WHERE name = $1`,
    [name, checkpoint.transactionId, checkpoint.position],
  );
}
