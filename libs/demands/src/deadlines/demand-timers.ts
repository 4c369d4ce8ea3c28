/**
 * The timers a demand wants now (docs/demands.md, "Deadlines"), from its folded state: pure, so
 * the scheduling reaction, the timer itself (is it still wanted?) and the reconciler agree.
 *
 * - received: the accept deadline (签收, `acceptDueAt`);
 * - accepted or assigned: the current round's resolve deadline (办结, the earlier of ours and a
 *   hotline ticket's);
 * - resolved: the confirmation window's end (评价), which closes it unevaluated.
 * For the accept and resolve deadlines: a reminder to the grid's workers ACCEPT_REMINDER_MS (2
 * hours) or RESOLVE_REMINDER_MS (a day) before, never earlier than half the window; the secretary's
 * notice at the deadline; the street officers' ESCALATE_AFTER_MS (a day) after it, or one window
 * later when the window is shorter (drills). Refused demands are the secretary's already; in-case
 * ones follow their case's deadlines.
 */
import { ledgerDueAt, type LedgerDemand } from '@yishi/domain';
import { type DemandTimerKind } from '@yishi/messaging';

export const ACCEPT_REMINDER_MS = 2 * 3_600_000;
export const RESOLVE_REMINDER_MS = 24 * 3_600_000;
export const ESCALATE_AFTER_MS = 24 * 3_600_000;

export interface DemandTimer {
  readonly kind: DemandTimerKind;
  /** When it runs. */
  readonly at: string;
  /** The deadline it watches. */
  readonly dueAt: string;
}

/** BullMQ job id of a timer: one per demand, kind and deadline; no ':' and never all digits. */
export function demandTimerJobId(demandId: string, t: Pick<DemandTimer, 'kind' | 'dueAt'>): string {
  return `demand-timer_${demandId}_${t.kind}_${Date.parse(t.dueAt)}`;
}

function watched(
  phase: 'accept' | 'resolve',
  from: string,
  dueAt: string,
  reminderMs: number,
): DemandTimer[] {
  const due = Date.parse(dueAt);
  const window = Math.max(0, due - Date.parse(from));
  const at = (ms: number) => new Date(ms).toISOString();
  return [
    { kind: `${phase}-reminder`, at: at(due - Math.min(reminderMs, window / 2)), dueAt },
    { kind: `${phase}-overdue`, at: dueAt, dueAt },
    { kind: `${phase}-escalated`, at: at(due + Math.min(ESCALATE_AFTER_MS, window)), dueAt },
  ];
}

/** When the current round began: receipt, or the dissatisfied answer that reopened it. */
function roundStart(d: LedgerDemand): string {
  return d.confirmations.at(-1)?.confirmedAt ?? d.receivedAt;
}

export function demandTimers(d: LedgerDemand): DemandTimer[] {
  switch (d.status) {
    case 'received':
      return watched('accept', d.receivedAt, d.acceptDueAt, ACCEPT_REMINDER_MS);
    case 'accepted':
    case 'assigned':
      return watched('resolve', roundStart(d), ledgerDueAt(d), RESOLVE_REMINDER_MS);
    case 'resolved': {
      const pending = d.pendingConfirmation;
      return pending === null
        ? []
        : [{ kind: 'confirm-lapse', at: pending.dueAt, dueAt: pending.dueAt }];
    }
    case 'refused':
    case 'in-case':
    case 'closed':
    case 'withdrawn':
    case 'merged':
      return [];
  }
}

/** Is this timer still wanted by the demand as it stands (else it does nothing)? */
export function stillWanted(d: LedgerDemand | null, t: Pick<DemandTimer, 'kind' | 'dueAt'>) {
  return (
    d !== null &&
    demandTimers(d).some((w) => w.kind === t.kind && Date.parse(w.dueAt) === Date.parse(t.dueAt))
  );
}
