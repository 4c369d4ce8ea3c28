import {
  currentEntry,
  type AcknowledgementDeadline,
  type Case,
  type CaseState,
  type Party,
  type Stage,
  type Task,
  taskRevision,
} from '@yishi/domain';
import { type CaseTimerJobData, type DeadlineKind } from '@yishi/messaging';

/**
 * Acknowledgement deadlines (签收期限) as timers: per stage entry and required party, a reminder at
 * `remindAt` and an escalation (吹哨) at the deadline. Pure: what rows a stage entry gives, whether a
 * timer is still wanted, which time-driven gates a case waits for. The SQL is in deadline-store.ts.
 */

export type DeadlineStatus = 'pending' | 'done' | 'cancelled';

/** The primary key of a `case_deadlines` row. */
export interface DeadlineKey {
  readonly caseId: string;
  /** The stage entry; for a task's rows, the revision of its due date. */
  readonly entry: number;
  readonly party: Party;
  readonly kind: DeadlineKind;
  /** The task of a `task-reminder` / `task-escalation` row; null or absent for acknowledgements. */
  readonly taskId?: string | null;
}

export interface DeadlineRow extends DeadlineKey {
  readonly stage: Stage;
  /** ISO 8601: when the timer fires (remindAt for a reminder, the deadline for an escalation). */
  readonly dueAt: string;
  /** ISO 8601: the acknowledgement deadline. */
  readonly deadline: string;
  readonly status: DeadlineStatus;
}

/** A stage entry's deadlines: a StageEntered event's data, or the current entry as the case folds. */
export interface EnteredDeadlines {
  readonly stage: Stage;
  readonly entry: number;
  readonly deadlines: readonly AcknowledgementDeadline[];
}

/**
 * Whether `party` still owes the acknowledgement of `stage` entry `entry`: the case is open and in
 * that entry, and the party has neither acknowledged it nor been escalated for it. A timer for
 * which this is false is stale and does nothing.
 */
export function awaitingAcknowledgement(
  state: CaseState,
  stage: Stage,
  entry: number,
  party: Party,
): boolean {
  if (state === null || state.status !== 'open') return false;
  if (state.stage !== stage || currentEntry(state) !== entry) return false;
  const record = state.parties
    .find((p) => p.party === party)
    ?.stages.find((s) => s.entry === entry);
  return (
    record !== undefined &&
    record.deadline !== null &&
    record.acknowledgedAt === null &&
    record.escalatedAt === null
  );
}

/**
 * The rows of one stage entry: a reminder and an escalation per party with a deadline. `state` is
 * the case as it is now (the entry may be old news when the reaction runs late): a party that no
 * longer owes the acknowledgement gets its rows already cancelled.
 */
export function deadlineRows(
  caseId: string,
  entered: EnteredDeadlines,
  state: CaseState,
): DeadlineRow[] {
  return entered.deadlines.flatMap(({ party, deadline, remindAt }) => {
    const status: DeadlineStatus = awaitingAcknowledgement(
      state,
      entered.stage,
      entered.entry,
      party,
    )
      ? 'pending'
      : 'cancelled';
    const base = { caseId, entry: entered.entry, stage: entered.stage, party, deadline, status };
    return [
      { ...base, kind: 'reminder' as const, dueAt: remindAt },
      { ...base, kind: 'escalation' as const, dueAt: deadline },
    ];
  });
}

/** The current stage entry's deadlines as the case folds them; none for a closed case. */
export function currentDeadlines(state: Case): EnteredDeadlines | undefined {
  if (state.status !== 'open') return undefined;
  const entry = currentEntry(state);
  const deadlines: AcknowledgementDeadline[] = [];
  for (const p of state.parties) {
    const record = p.stages.find((s) => s.entry === entry);
    if (record === undefined || record.deadline === null || record.remindAt === null) continue;
    deadlines.push({ party: p.party, deadline: record.deadline, remindAt: record.remindAt });
  }
  return { stage: state.stage, entry, deadlines };
}

/** The rows one timer job serves: a stage entry's acknowledgement rows, or a task revision's. */
export interface DeadlineGroup {
  readonly caseId: string;
  readonly entry: number;
  readonly taskId?: string | null;
}

/**
 * BullMQ job id of the timer of a group of deadline rows: deterministic, `_`-joined, no ':' and
 * never all digits.
 */
export function deadlineTimerJobId(group: DeadlineGroup): string {
  const base = `deadlines_${group.caseId}_${group.entry}`;
  return group.taskId === undefined || group.taskId === null ? base : `${base}_${group.taskId}`;
}

/**
 * The timers of a task (issue 6): a `task-reminder` at its remindAt and a `task-escalation` (吹哨)
 * at its due date, for the assignee party and the revision of the due date (`entry`). A task done,
 * or a case no longer open in follow-up, gives cancelled rows (a late reaction).
 */
export function taskDeadlineRows(caseId: string, task: Task, state: CaseState): DeadlineRow[] {
  const current =
    state !== null && state.status === 'open' && state.stage === 'follow-up'
      ? state.tasks.find((t) => t.id === task.id)
      : undefined;
  const revision = taskRevision(task);
  const live =
    current !== undefined &&
    current.status === 'open' &&
    taskRevision(current) === revision &&
    current.assigneeParty === task.assigneeParty;
  const base = {
    caseId,
    entry: revision,
    stage: 'follow-up' as const,
    party: task.assigneeParty,
    taskId: task.id,
    deadline: task.dueAt,
    status: live ? ('pending' as const) : ('cancelled' as const),
  };
  const rows: DeadlineRow[] = [{ ...base, kind: 'task-escalation', dueAt: task.dueAt }];
  if (task.remindAt !== null)
    rows.unshift({ ...base, kind: 'task-reminder', dueAt: task.remindAt });
  return rows;
}

/** Whether a task's timer (its row's key) is still wanted: the task open at that revision. */
export function awaitingTask(state: CaseState, key: DeadlineKey): Task | undefined {
  if (state === null || state.status !== 'open' || state.stage !== 'follow-up') return undefined;
  const task = state.tasks.find((t) => t.id === key.taskId);
  if (task === undefined || task.status !== 'open') return undefined;
  if (taskRevision(task) !== key.entry || task.assigneeParty !== key.party) return undefined;
  return task;
}

/** The time-driven gates the case waits for: the notice period's or the evaluation window's end. */
export function wantedTimers(state: Case, now: string): Omit<CaseTimerJobData, 'caseId'>[] {
  if (state.status !== 'open') return [];
  const nowMs = Date.parse(now);
  if (state.stage === 'analysis' && state.notice !== null) {
    const at = state.notice.noticePeriodEndsAt;
    return Date.parse(at) > nowMs ? [{ kind: 'notice-period-over', at }] : [];
  }
  if (state.stage === 'follow-up' && state.evaluationWindow !== null) {
    const at = state.evaluationWindow.endsAt;
    return Date.parse(at) > nowMs ? [{ kind: 'evaluation-window-over', at }] : [];
  }
  return [];
}
