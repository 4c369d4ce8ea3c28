import {
  type DemandDetail,
  type DemandStatus,
  type LedgerDemand,
  type Party,
  type Role,
} from '../../api/types';
import { DEMAND_CLOSE_CAUSE_LABELS } from '../../labels';

/*
 * Which of a demand's actions a user is offered, from the demand as read and who they are
 * (docs/demands.md, "Who acts, who sees"). The API decides again and says why when it refuses; this
 * only keeps buttons away from people who could not use them.
 */

export interface LedgerViewer {
  userId: string;
  roles: readonly Role[];
  party: Party | null;
  /** The grids whose worker the user is (GET /communities/:id/grids, `workers`). */
  gridIds: readonly string[];
}

export type DemandStep =
  /** 评价: the submitter answers a resolution (or a case's close). */
  | 'confirm'
  /** 回访代录: the answer of a resident someone wrote the demand down for, recorded on a visit. */
  | 'record-answer'
  | 'withdraw'
  | 'accept'
  | 'refuse'
  | 'assign'
  | 'resolve'
  /** 转议事: the secretary, on the ledger page. */
  | 'escalate';

/** Before it is resolved a demand is still being handled (and may be withdrawn). */
const BEFORE_RESOLVED: readonly DemandStatus[] = ['received', 'accepted', 'assigned', 'refused'];

const has = (v: LedgerViewer, role: Role) => v.roles.includes(role);

export function isGridWorkerOf(d: Pick<DemandDetail, 'gridId'>, v: LedgerViewer): boolean {
  return has(v, 'grid-worker') && d.gridId !== null && v.gridIds.includes(d.gridId);
}

/** The person or party the demand was given to (a party's member, as the API counts them). */
export function isAssignee(d: Pick<DemandDetail, 'assignment'>, v: LedgerViewer): boolean {
  const a = d.assignment;
  if (a === null) return false;
  return (
    a.userId === v.userId || (a.party !== null && has(v, 'party-member') && a.party === v.party)
  );
}

/** The steps this user may take now, the most pressing first. */
export function demandSteps(d: DemandDetail, v: LedgerViewer): DemandStep[] {
  const steps: DemandStep[] = [];
  const submitter = d.submittedBy === v.userId;
  const secretary = has(v, 'secretary');
  const grid = isGridWorkerOf(d, v);
  // A confirmation is awaited (resolved, or closed with a case) while confirmDueAt is set.
  // Written down for a resident (onBehalfOf): whoever recorded it, or its grid's worker, visits
  // them again and records their answer; else the submitter answers.
  if (d.confirmDueAt !== null) {
    if (d.onBehalfOf !== null && (submitter || grid)) steps.push('record-answer');
    else if (submitter) steps.push('confirm');
  }
  switch (d.status) {
    case 'received':
      if (grid || secretary) steps.push('accept');
      if (grid) steps.push('refuse');
      break;
    case 'accepted':
    case 'assigned':
      if (grid || secretary || isAssignee(d, v)) steps.push('resolve');
      if (grid || secretary) steps.push('assign');
      break;
    case 'refused':
      // Refused by the grid: the secretary's to give elsewhere.
      if (secretary) steps.push('assign');
      break;
    case 'resolved':
    case 'closed':
    case 'withdrawn':
    case 'merged':
    case 'in-case':
      break;
  }
  if (secretary && (BEFORE_RESOLVED.includes(d.status) || d.status === 'resolved'))
    steps.push('escalate');
  if (submitter && BEFORE_RESOLVED.includes(d.status)) steps.push('withdraw');
  return steps;
}

/** How a closed demand came to be closed, from its timeline (the last closing step). */
const CLOSING: Readonly<Record<string, keyof typeof DEMAND_CLOSE_CAUSE_LABELS>> = {
  DemandConfirmed: 'confirmation',
  DemandConfirmationLapsed: 'lapse',
  DemandClosedWithCase: 'case',
};

/** Where the demand stands, in a sentence for anyone reading it (not an action). */
export function standing(d: DemandDetail, viewerId: string | null = null): string {
  const mine = d.submittedBy === viewerId && d.onBehalfOf === null;
  switch (d.status) {
    case 'received':
      return '等待网格员签收';
    case 'accepted':
      return '已签收，正在安排办理';
    case 'assigned':
      return d.reopenings > 0 ? '评价不满意，正在重新办理' : '正在办理';
    case 'refused':
      return '网格已退回，等待社区书记重新派单';
    case 'resolved':
      if (mine) return '已办好，请您评价';
      return d.onBehalfOf === null
        ? '已办好，等待提出人评价'
        : `已办好，等待回访${d.onBehalfOf.name}并记录评价`;
    case 'in-case':
      return '已转入议事案件，随案件办理';
    case 'closed': {
      if (d.confirmDueAt !== null)
        return mine ? '随议事案件办结，请您评价' : '随议事案件办结，等待提出人评价';
      const last = [...d.timeline].reverse().find((t) => CLOSING[t.type] !== undefined);
      const cause = last === undefined ? undefined : CLOSING[last.type];
      return cause === undefined ? '已销号' : DEMAND_CLOSE_CAUSE_LABELS[cause];
    }
    case 'withdrawn':
      return '提出人已撤回，不再办理';
    case 'merged':
      return '与另一件诉求是同一件事，合并办理';
  }
}

/** Finished: nothing more for the resident to do or wait for. */
const FINISHED: readonly DemandStatus[] = ['closed', 'withdrawn', 'merged'];

/**
 * The order of a resident's demands: those waiting for their evaluation first, then those being
 * handled, then the finished ones; newest first within each.
 */
export function orderForResident(items: readonly LedgerDemand[]): LedgerDemand[] {
  const rank = (d: LedgerDemand) =>
    d.status === 'resolved' ? 0 : FINISHED.includes(d.status) ? 2 : 1;
  return [...items].sort((a, b) => rank(a) - rank(b) || b.receivedAt.localeCompare(a.receivedAt));
}
