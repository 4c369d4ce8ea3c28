/**
 * How a demand ends, or goes round again: the submitter's confirmation (评价; dissatisfied reopens
 * it), a confirmation window that passes unanswered, withdrawal, merging into another demand,
 * escalation into a case and closing with it.
 */
import { formatChineseTime } from '../calendar';
import { OUTCOMES } from '../case/types';
import { ForbiddenError, ValidationError, WrongStageError } from '../errors';
import { DEMAND_STATUS_LABELS } from '../labels';
import {
  type CloseWithCase,
  type ConfirmDemand,
  type EscalateDemand,
  type LapseConfirmation,
  type MergeDemand,
  type WithdrawDemand,
} from './commands';
import { after, type Now, requireStatus } from './decide-support';
import { type DemandEvent } from './events';
import { filled, oneOf, optionalText } from './guards';
import {
  CONFIRMATION_RECORDERS,
  DEMAND_STATUSES,
  type DemandStatus,
  type LedgerDemand,
  OPEN_DEMAND_STATUSES,
  RATINGS,
} from './types';

/** Before it is resolved, a demand can still be withdrawn or merged. */
const BEFORE_RESOLVED: readonly DemandStatus[] = ['received', 'accepted', 'assigned', 'refused'];

/** A demand cannot be merged into one that has ended. */
const ENDED: readonly DemandStatus[] = ['closed', 'withdrawn', 'merged'];

export function confirm(state: LedgerDemand, d: ConfirmDemand['data'], now: Now): DemandEvent[] {
  const pending = state.pendingConfirmation;
  if (pending === null) {
    throw new WrongStageError(
      `诉求状态为“${DEMAND_STATUS_LABELS[state.status]}”，只有办结后等待评价的诉求才能评价`,
      { status: state.status },
    );
  }
  const recordedBy = oneOf(CONFIRMATION_RECORDERS, d.recordedBy, 'recordedBy', '评价记录人');
  if (recordedBy === 'submitter' && now.actorId !== state.submittedBy) {
    throw new ForbiddenError('只有提出诉求的人可以评价；网格员回访代录请注明代录', {
      recordedBy,
    });
  }
  if (
    recordedBy === 'grid-worker' &&
    (state.gridId === null || !now.gridIds.includes(state.gridId))
  ) {
    throw new ForbiddenError('只有诉求所在网格的网格员可以代录居民的评价', {
      recordedBy,
      gridId: state.gridId,
    });
  }
  const rating = oneOf(RATINGS, d.rating, 'rating', '评价');
  return [
    {
      type: 'DemandConfirmed',
      data: {
        round: pending.round,
        rating,
        comment: optionalText(d.comment, 'comment', '评价意见'),
        recordedBy,
        confirmedAt: now.iso,
        confirmedBy: now.actorId,
        reopenedDueAt:
          rating === 'dissatisfied' ? after(now.iso, state.settings.resolveWithin) : null,
      },
    },
  ];
}

export function lapseConfirmation(
  state: LedgerDemand,
  d: LapseConfirmation['data'],
  now: Now,
): DemandEvent[] {
  const pending = state.pendingConfirmation;
  // Answered, reopened or escalated since the timer was set: nothing to do.
  if (pending === null) return [];
  if (d.round !== undefined && d.round !== null && d.round !== pending.round) return [];
  if (now.ms < Date.parse(pending.dueAt)) {
    throw new WrongStageError(`评价期限（${formatChineseTime(pending.dueAt)}）还没有到`, {
      dueAt: pending.dueAt,
    });
  }
  return [
    {
      type: 'DemandConfirmationLapsed',
      data: { round: pending.round, dueAt: pending.dueAt, lapsedAt: now.iso },
    },
  ];
}

export function withdraw(state: LedgerDemand, d: WithdrawDemand['data'], now: Now): DemandEvent[] {
  requireStatus(state, BEFORE_RESOLVED, '撤回');
  if (now.actorId !== state.submittedBy) {
    throw new ForbiddenError('只有提出诉求的人可以撤回');
  }
  return [
    {
      type: 'DemandWithdrawn',
      data: {
        reason: optionalText(d.reason, 'reason', '撤回理由'),
        withdrawnAt: now.iso,
        withdrawnBy: now.actorId,
      },
    },
  ];
}

export function merge(state: LedgerDemand, d: MergeDemand['data'], now: Now): DemandEvent[] {
  requireStatus(state, BEFORE_RESOLVED, '合并');
  const into = filled(d.into, 'into', '合并到的诉求');
  if (into === state.id) {
    throw new ValidationError('诉求不能合并到它自己', { field: 'into' });
  }
  const intoStatus = oneOf(DEMAND_STATUSES, d.intoStatus, 'intoStatus', '目标诉求状态');
  if (ENDED.includes(intoStatus)) {
    throw new WrongStageError(`目标诉求状态为“${DEMAND_STATUS_LABELS[intoStatus]}”，不能合并进去`, {
      into,
      intoStatus,
    });
  }
  return [{ type: 'DemandMerged', data: { into, mergedAt: now.iso, mergedBy: now.actorId } }];
}

export function escalate(state: LedgerDemand, d: EscalateDemand['data'], now: Now): DemandEvent[] {
  const caseId = filled(d.caseId, 'caseId', '议事案件');
  // A retried escalation into the same case: done already.
  if (state.status === 'in-case' && state.caseIds.at(-1) === caseId) return [];
  requireStatus(state, OPEN_DEMAND_STATUSES, '转入议事案件');
  return [
    { type: 'DemandEscalated', data: { caseId, escalatedAt: now.iso, escalatedBy: now.actorId } },
  ];
}

export function closeWithCase(
  state: LedgerDemand,
  d: CloseWithCase['data'],
  now: Now,
): DemandEvent[] {
  const caseId = filled(d.caseId, 'caseId', '议事案件');
  const outcome = oneOf(OUTCOMES, d.outcome, 'outcome', '案件结果');
  if (state.status !== 'in-case' || state.caseIds.at(-1) !== caseId) {
    // The case's closing seen again, after the demand closed with it or went on (reopened): nothing.
    if (state.caseIds.includes(caseId)) return [];
    throw new WrongStageError('诉求没有转入这个议事案件', { caseId, status: state.status });
  }
  return [
    {
      type: 'DemandClosedWithCase',
      data: {
        caseId,
        outcome,
        round: state.round,
        closedAt: now.iso,
        confirmDueAt: after(now.iso, state.settings.confirmWithin),
      },
    },
  ];
}
