/** What needs the grid worker on the round page, and by when (plain functions of the lists). */
import { type Grid, type LedgerDemand } from '../../api/types';

/** The grids the user works in. */
export const myGrids = (grids: readonly Grid[], userId: string): Grid[] =>
  grids.filter((g) => g.workers.some((w) => w.userId === userId));

export interface RoundGroups {
  /** 待签收: received in the user's grids, the overdue first. */
  received: LedgerDemand[];
  /** 已超时: accepted or assigned, past the deadline, the user's grids' or assigned to them. */
  overdue: LedgerDemand[];
  /** 派给我的: assigned to the user, not overdue. */
  mine: LedgerDemand[];
  /** 已签收待处理: accepted in the user's grids, neither assigned nor overdue. */
  accepted: LedgerDemand[];
}

/**
 * The deadline the demand waits on now, as the API judges `overdue` by it: to accept (签收) while
 * received (or the hotline's own deadline, when earlier), else to resolve (办结).
 */
export const deadlineOf = (d: LedgerDemand): string =>
  d.status === 'received' && Date.parse(d.acceptDueAt) < Date.parse(d.dueAt)
    ? d.acceptDueAt
    : d.dueAt;

/**
 * The demands that need the user, in the order of the round page: 待签收, then 已超时, then
 * 派给我的, then 已签收待处理; each by deadline, the earliest first. Demands assigned to others and
 * on time are theirs, not listed. Overdue is the API's `overdue`, judged when the list was read.
 */
export function roundGroups(
  demands: readonly LedgerDemand[],
  userId: string,
  gridIds: ReadonlySet<string>,
): RoundGroups {
  const byDue = [...demands].sort(
    (a, b) =>
      deadlineOf(a).localeCompare(deadlineOf(b)) || a.receivedAt.localeCompare(b.receivedAt),
  );
  const inMyGrid = (d: LedgerDemand) => d.gridId !== null && gridIds.has(d.gridId);
  const toMe = (d: LedgerDemand) => d.status === 'assigned' && d.assignedUserId === userId;
  const groups: RoundGroups = { received: [], overdue: [], mine: [], accepted: [] };
  for (const d of byDue) {
    if (d.status === 'received') {
      if (inMyGrid(d)) groups.received.push(d);
    } else if (d.overdue && (inMyGrid(d) || toMe(d))) groups.overdue.push(d);
    else if (toMe(d)) groups.mine.push(d);
    else if (d.status === 'accepted' && inMyGrid(d)) groups.accepted.push(d);
  }
  return groups;
}
