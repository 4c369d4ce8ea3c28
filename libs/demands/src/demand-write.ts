/**
 * What the ledger's write use cases share: the answer of a write, and the checks of who may act on
 * a demand as it stands (its grid's workers, its assignee), run once the decider has passed the
 * command (so a demand that has moved on answers 409 before anyone is told they may not).
 */
import { ForbiddenError, NotFoundError, type DemandState, type LedgerDemand } from '@yishi/domain';
import { hasRole, type DemandCaller } from './demand-caller';
import { type DemandOutcome } from './demand-repository';
import { type DemandWriteResponse } from './demands.dto';

export function writeResponse({ state, version }: DemandOutcome): DemandWriteResponse {
  if (state === null) throw new NotFoundError('找不到该诉求');
  return {
    id: state.id,
    number: state.number,
    status: state.status,
    gridId: state.gridId,
    version,
  };
}

/** The demand's grid's worker, or the secretary. */
export function isGridWorkerOf(caller: DemandCaller, demand: LedgerDemand): boolean {
  return (
    hasRole(caller, 'grid-worker') &&
    demand.gridId !== null &&
    caller.gridIds.includes(demand.gridId)
  );
}

/** 403 with `message` unless the caller is the secretary or a worker of the demand's grid. */
export function requireGridOrSecretary(
  caller: DemandCaller,
  state: DemandState,
  message: string,
): void {
  if (state === null || hasRole(caller, 'secretary') || isGridWorkerOf(caller, state)) return;
  throw new ForbiddenError(message, { gridId: state.gridId });
}
