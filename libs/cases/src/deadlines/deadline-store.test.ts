import { randomUUID } from 'node:crypto';
import { type Party } from '@yishi/domain';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { cancelDeadlines, enterDeadlines, finishDeadline, NO_TASK } from './deadline-store';
import { type DeadlineKey, type DeadlineRow } from './deadlines';

/** A stage entry's (or a task revision's) deadline rows in one statement, in real PostgreSQL. */
describe('enterDeadlines (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const row = (
    caseId: string,
    entry: number,
    party: Party,
    kind: DeadlineRow['kind'],
    taskId: string | null = null,
    status: DeadlineRow['status'] = 'pending',
  ): DeadlineRow => ({
    caseId,
    entry,
    stage: 'analysis',
    party,
    kind,
    taskId,
    dueAt: '2026-12-07T08:00:00.000Z',
    deadline: '2026-12-07T20:00:00.000Z',
    status,
  });
  /** The row's status as stored, or undefined. */
  const storedRow = async (key: DeadlineKey) => {
    const { rows } = await db.pool.query<{ status: string }>(
      `SELECT status FROM case_deadlines
        WHERE case_id = $1 AND entry = $2 AND party = $3 AND kind = $4 AND task_id = $5`,
      [key.caseId, key.entry, key.party, key.kind, key.taskId ?? NO_TASK],
    );
    return rows[0];
  };
  const keys = (rows: readonly { party: string; kind: string; entry: number }[]) =>
    rows.map((r) => `${r.entry}/${r.party}/${r.kind}`).sort();

  it('inserts the entry, cancels earlier entries and returns what is pending, once', async () => {
    const caseId = randomUUID();
    const first = await enterDeadlines(db.pool, { caseId, entry: 1, taskId: null }, [
      row(caseId, 1, 'owners-committee', 'reminder'),
      row(caseId, 1, 'owners-committee', 'escalation'),
      row(caseId, 1, 'property-company', 'reminder', null, 'cancelled'),
    ]);
    expect(first.emptied).toEqual([]);
    expect(keys(first.pending)).toEqual([
      '1/owners-committee/escalation',
      '1/owners-committee/reminder',
    ]);

    // A replay: nothing new, the same rows pending (read, not inserted), nothing revived.
    const replay = await enterDeadlines(db.pool, { caseId, entry: 1, taskId: null }, [
      row(caseId, 1, 'owners-committee', 'reminder'),
      row(caseId, 1, 'owners-committee', 'escalation'),
      row(caseId, 1, 'property-company', 'reminder'),
    ]);
    expect(keys(replay.pending)).toEqual(keys(first.pending));
    expect(
      (
        await storedRow({
          caseId,
          entry: 1,
          party: 'property-company',
          kind: 'reminder',
        })
      )?.status,
    ).toBe('cancelled');

    // One row done meanwhile; the next entry cancels the rest of entry 1 and keeps the done one.
    await finishDeadline(
      db.pool,
      { caseId, entry: 1, party: 'owners-committee', kind: 'reminder' },
      'done',
    );
    const second = await enterDeadlines(db.pool, { caseId, entry: 2, taskId: null }, [
      row(caseId, 2, 'partner-units', 'reminder'),
    ]);
    // Entry 1's escalation was cancelled, and nothing of entry 1 is pending: its timer may go.
    expect(second.emptied).toEqual([{ caseId, entry: 1, taskId: null }]);
    expect(keys(second.pending)).toEqual(['2/partner-units/reminder']);
    expect(second.pending[0]).toMatchObject({ status: 'pending', doneAt: null, taskId: null });
    expect(
      (
        await storedRow({
          caseId,
          entry: 1,
          party: 'owners-committee',
          kind: 'reminder',
        })
      )?.status,
    ).toBe('done');
  });

  it("keeps a task's rows apart from the stage entries' and from other tasks'", async () => {
    const caseId = randomUUID();
    const task = randomUUID();
    const other = randomUUID();
    await enterDeadlines(db.pool, { caseId, entry: 1, taskId: null }, [
      row(caseId, 1, 'owners-committee', 'reminder'),
    ]);
    await enterDeadlines(db.pool, { caseId, entry: 1, taskId: other }, [
      row(caseId, 1, 'property-company', 'task-reminder', other),
    ]);
    await enterDeadlines(db.pool, { caseId, entry: 1, taskId: task }, [
      row(caseId, 1, 'property-company', 'task-reminder', task),
    ]);
    // The task's next revision: only that task's earlier revision is cancelled.
    const revised = await enterDeadlines(db.pool, { caseId, entry: 2, taskId: task }, [
      row(caseId, 2, 'property-company', 'task-reminder', task),
      row(caseId, 2, 'property-company', 'task-escalation', task),
    ]);
    expect(revised.emptied).toEqual([{ caseId, entry: 1, taskId: task }]);
    expect(revised.pending.map((r) => r.taskId)).toEqual([task, task]);
    expect(keys(revised.pending)).toEqual([
      '2/property-company/task-escalation',
      '2/property-company/task-reminder',
    ]);
    for (const [taskId, party, kind] of [
      [null, 'owners-committee', 'reminder'],
      [other, 'property-company', 'task-reminder'],
    ] as const)
      expect((await storedRow({ caseId, entry: 1, party, kind, taskId }))?.status).toBe('pending');
  });

  it('cancels rows and names the groups left with nothing pending (their timers may go)', async () => {
    const caseId = randomUUID();
    const task = randomUUID();
    await enterDeadlines(db.pool, { caseId, entry: 1, taskId: null }, [
      row(caseId, 1, 'owners-committee', 'reminder'),
      row(caseId, 1, 'owners-committee', 'escalation'),
      row(caseId, 1, 'property-company', 'reminder'),
    ]);
    await enterDeadlines(db.pool, { caseId, entry: 1, taskId: task }, [
      row(caseId, 1, 'partner-units', 'task-reminder', task),
    ]);
    // One party acknowledges: another still owes, so the entry's timer stays.
    expect(await cancelDeadlines(db.pool, { caseId, entry: 1, party: 'owners-committee' })).toEqual(
      [],
    );
    // The last one: the entry has nothing pending; the task's rows are apart and stay.
    expect(await cancelDeadlines(db.pool, { caseId, entry: 1, party: 'property-company' })).toEqual(
      [{ caseId, entry: 1, taskId: null }],
    );
    expect(
      (
        await storedRow({
          caseId,
          entry: 1,
          party: 'partner-units',
          kind: 'task-reminder',
          taskId: task,
        })
      )?.status,
    ).toBe('pending');
    // The case closes: every group with a pending row, once each.
    expect(await cancelDeadlines(db.pool, { caseId })).toEqual([
      { caseId, entry: 1, taskId: task },
    ]);
    expect(await cancelDeadlines(db.pool, { caseId })).toEqual([]);
  });
});
