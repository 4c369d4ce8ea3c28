import { randomUUID } from 'node:crypto';
import { type Case, type Party, type Stage } from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { type DeadlineKind } from '@yishi/messaging';
import { upgradeStoredCase } from '../case-view';
import {
  type DeadlineGroup,
  type DeadlineKey,
  type DeadlineRow,
  type DeadlineStatus,
} from './deadlines';

/** A stored row of `case_deadlines` (migration 1767000000000). */
export interface DeadlineRecord extends DeadlineRow {
  /** Stable for the row's life; the reminder notification's source id. */
  readonly id: string;
  readonly doneAt: string | null;
}

/** The task_id of an acknowledgement row (the column is part of the key, so never null). */
export const NO_TASK = '00000000-0000-0000-0000-000000000000';

interface Row {
  id: string;
  task_id: string;
  case_id: string;
  entry: number;
  stage: Stage;
  party: Party;
  kind: DeadlineKind;
  due_at: Date;
  deadline: Date;
  status: DeadlineStatus;
  done_at: Date | null;
}

const COLUMNS = `id, case_id, entry, stage, party, kind, task_id, due_at, deadline, status, done_at`;

const toRecord = (r: Row): DeadlineRecord => ({
  id: r.id,
  caseId: r.case_id,
  entry: r.entry,
  stage: r.stage,
  party: r.party,
  kind: r.kind,
  taskId: r.task_id === NO_TASK ? null : r.task_id,
  dueAt: r.due_at.toISOString(),
  deadline: r.deadline.toISOString(),
  status: r.status,
  doneAt: r.done_at === null ? null : r.done_at.toISOString(),
});

/**
 * Inserts `rows`, keeping any row that exists: a replayed StageEntered (at-least-once delivery) or
 * the reconciler must neither duplicate a timer nor revive a done or cancelled one. `ON CONFLICT
 * DO NOTHING` is the right tool here: the natural key is the idempotency guard, not a version
 * check. Parameters $1-$10.
 */
const INSERT_ROWS = (returning: string) => `
  INSERT INTO case_deadlines
    (id, case_id, entry, stage, party, kind, task_id, due_at, deadline, status, done_at)
  SELECT t.id, t.case_id, t.entry, t.stage, t.party, t.kind, t.task_id, t.due_at, t.deadline,
         t.status, CASE WHEN t.status = 'pending' THEN NULL ELSE now() END
    FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[],
                $7::timestamptz[], $8::timestamptz[], $9::text[], $10::uuid[])
      AS t(id, case_id, entry, stage, party, kind, due_at, deadline, status, task_id)
  ON CONFLICT (case_id, entry, party, kind, task_id) DO NOTHING
  RETURNING ${returning}`;

const insertParams = (rows: readonly DeadlineRow[]): unknown[] => [
  rows.map(() => randomUUID()),
  rows.map((r) => r.caseId),
  rows.map((r) => r.entry),
  rows.map((r) => r.stage),
  rows.map((r) => r.party),
  rows.map((r) => r.kind),
  rows.map((r) => r.dueAt),
  rows.map((r) => r.deadline),
  rows.map((r) => r.status),
  rows.map((r) => r.taskId ?? NO_TASK),
];

/** Writes rows (see INSERT_ROWS); returns how many were new. */
export async function insertDeadlines(
  db: Queryable,
  rows: readonly DeadlineRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.query(INSERT_ROWS('1'), insertParams(rows));
  return inserted.rows.length;
}

/**
 * A stage entry (or a task's revision) in one statement: writes its rows as `insertDeadlines`
 * does, cancels the pending rows of the entries (revisions) before it, and returns the groups
 * those were in (their timers have nothing left to do) and the entry's pending rows (they need
 * their timer). Rows of the stage entries when `taskId` is null, else of that task.
 */
export async function enterDeadlines(
  db: Queryable,
  at: { readonly caseId: string; readonly entry: number; readonly taskId: string | null },
  rows: readonly DeadlineRow[],
): Promise<{ emptied: DeadlineGroup[]; pending: DeadlineRecord[] }> {
  // One statement sees the table as it was before it: the entry's rows that existed (the
  // SELECT) and the ones it inserted (RETURNING) are apart, and the cancelled ones are earlier.
  const { rows: out } = await db.query<Row & { change: 'cancelled' | 'pending' }>(
    `WITH inserted AS (${INSERT_ROWS(COLUMNS)}),
     cancelled AS (
       UPDATE case_deadlines SET status = 'cancelled', done_at = now()
        WHERE case_id = $11 AND status = 'pending' AND entry < $12 AND task_id = $13
        RETURNING ${COLUMNS})
     SELECT 'cancelled' AS change, ${COLUMNS} FROM cancelled
     UNION ALL
     SELECT 'pending', ${COLUMNS} FROM inserted WHERE status = 'pending'
     UNION ALL
     SELECT 'pending', ${COLUMNS} FROM case_deadlines
      WHERE case_id = $11 AND entry = $12 AND task_id = $13 AND status = 'pending'`,
    [...insertParams(rows), at.caseId, at.entry, at.taskId ?? NO_TASK],
  );
  const records = (change: string) => out.filter((r) => r.change === change).map(toRecord);
  return { emptied: groupsOf(records('cancelled')), pending: records('pending') };
}

/** The distinct groups (timers) of `rows`, in order. */
export function groupsOf(rows: readonly DeadlineGroup[]): DeadlineGroup[] {
  const groups = new Map<string, DeadlineGroup>();
  for (const { caseId, entry, taskId } of rows) {
    const group = { caseId, entry, taskId: taskId ?? null };
    groups.set(`${caseId}/${entry}/${group.taskId}`, group);
  }
  return [...groups.values()];
}

/** The pending rows of one stage entry, or of one task revision: what its timer serves. */
export async function pendingDeadlinesOf(
  db: Queryable,
  group: DeadlineGroup,
): Promise<DeadlineRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM case_deadlines
      WHERE case_id = $1 AND entry = $2 AND task_id = $3 AND status = 'pending'
      ORDER BY due_at, party, kind`,
    [group.caseId, group.entry, group.taskId ?? NO_TASK],
  );
  return rows.map(toRecord);
}

/** A pending row becomes done or cancelled; false when it was not pending (nothing changes). */
export async function finishDeadline(
  db: Queryable,
  key: DeadlineKey,
  status: Exclude<DeadlineStatus, 'pending'>,
): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE case_deadlines SET status = $5, done_at = now()
      WHERE case_id = $1 AND entry = $2 AND party = $3 AND kind = $4 AND task_id = $6
        AND status = 'pending'
      RETURNING 1`,
    [key.caseId, key.entry, key.party, key.kind, status, key.taskId ?? NO_TASK],
  );
  return rows.length > 0;
}

/**
 * Cancels the pending rows of a case: of one entry (`entry`), of the entries before one
 * (`beforeEntry`), of one party (`party`), or all of them. `task`: the acknowledgement rows only
 * (`'none'`, the default whenever `entry` or `beforeEntry` is given), one task's rows (its id), or
 * every row (`'any'`, the default otherwise). Returns the groups of the rows cancelled that have
 * no pending row left: their timers may go. Call it outside a transaction: a group it leaves with
 * rows pending is looked at again after its commit, so of two cancellations at once in one group
 * the later look sees both.
 */
export async function cancelDeadlines(
  db: Queryable,
  where: {
    readonly caseId: string;
    readonly entry?: number;
    readonly beforeEntry?: number;
    readonly party?: Party;
    readonly kind?: DeadlineKind;
    readonly task?: 'none' | 'any' | { readonly taskId: string };
  },
): Promise<DeadlineGroup[]> {
  const task =
    where.task ?? (where.entry !== undefined || where.beforeEntry !== undefined ? 'none' : 'any');
  const taskId = task === 'any' ? null : task === 'none' ? NO_TASK : task.taskId;
  // The statement sees the rows it cancels as pending still: they are left out by their key.
  const { rows } = await db.query<
    Pick<Row, 'case_id' | 'entry' | 'task_id'> & { emptied: boolean }
  >(
    `WITH cancelled AS (
       UPDATE case_deadlines SET status = 'cancelled', done_at = now()
        WHERE case_id = $1 AND status = 'pending'
          AND ($2::int IS NULL OR entry = $2)
          AND ($3::int IS NULL OR entry < $3)
          AND ($4::text IS NULL OR party = $4)
          AND ($5::text IS NULL OR kind = $5)
          AND ($6::uuid IS NULL OR task_id = $6)
        RETURNING case_id, entry, party, kind, task_id)
     SELECT c.case_id, c.entry, c.task_id, NOT EXISTS (
              SELECT 1 FROM case_deadlines d
               WHERE d.case_id = c.case_id AND d.entry = c.entry AND d.task_id = c.task_id
                 AND d.status = 'pending'
                 AND (d.party, d.kind) NOT IN (
                   SELECT o.party, o.kind FROM cancelled o
                    WHERE o.case_id = d.case_id AND o.entry = d.entry AND o.task_id = d.task_id)
            ) AS emptied
       FROM (SELECT DISTINCT case_id, entry, task_id FROM cancelled) c
      ORDER BY c.entry, c.task_id`,
    [
      where.caseId,
      where.entry ?? null,
      where.beforeEntry ?? null,
      where.party ?? null,
      where.kind ?? null,
      taskId,
    ],
  );
  const emptied: DeadlineGroup[] = [];
  for (const r of rows) {
    const group = { caseId: r.case_id, entry: r.entry, taskId: r.task_id };
    // A cancellation at the same time in the same group saw this one's row pending, and this
    // statement saw its row: look again now that this one has committed (the later look of the
    // two sees both).
    if (r.emptied || !(await hasPending(db, group)))
      emptied.push({ ...group, taskId: r.task_id === NO_TASK ? null : r.task_id });
  }
  return emptied;
}

async function hasPending(db: Queryable, group: Required<DeadlineGroup>): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM case_deadlines
      WHERE case_id = $1 AND entry = $2 AND task_id = $3 AND status = 'pending' LIMIT 1`,
    [group.caseId, group.entry, group.taskId],
  );
  return rows.length > 0;
}

/** One page of every pending row, in key order after `after` (the reconciler). */
export async function pendingDeadlines(
  db: Queryable,
  after: DeadlineKey | undefined,
  limit: number,
): Promise<DeadlineRecord[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM case_deadlines
      WHERE status = 'pending'
        AND ($1::uuid IS NULL
             OR (case_id, entry, party, kind, task_id) > ($1::uuid, $2::int, $3::text, $4::text, $6::uuid))
      ORDER BY case_id, entry, party, kind, task_id
      LIMIT $5`,
    [
      after?.caseId ?? null,
      after?.entry ?? null,
      after?.party ?? null,
      after?.kind ?? null,
      limit,
      after?.taskId ?? NO_TASK,
    ],
  );
  return rows.map(toRecord);
}

/** One page of the open cases as the case-views read model holds them, by case id after `after`. */
export async function openCaseStates(
  db: Queryable,
  after: string | undefined,
  limit: number,
): Promise<Case[]> {
  const { rows } = await db.query<{ state: Case }>(
    `SELECT state FROM case_views
      WHERE status = 'open' AND ($1::uuid IS NULL OR case_id > $1::uuid)
      ORDER BY case_id
      LIMIT $2`,
    [after ?? null, limit],
  );
  return rows.map((r) => upgradeStoredCase(r.state));
}
