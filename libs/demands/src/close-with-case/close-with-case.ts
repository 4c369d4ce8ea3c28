import { type Pool } from 'pg';
import { type DemandClosedWithCase, type Outcome } from '@yishi/domain';
import { WORKFLOW_ACTOR } from '@yishi/cases';
import { type NotificationRequest } from '@yishi/messaging';
import { deliverPersonal, isUuid, renderDemandConfirm } from '@yishi/notifications';
import { type DemandRepository } from '../demand-repository';

/** The closed case a demand closes with. */
export interface ClosedCase {
  readonly caseId: string;
  readonly communityId: string;
  readonly title: string;
  readonly outcome: Outcome;
}

/**
 * One demand of the ledger closes with its case (CloseWithCase, the case's outcome) and its
 * submitter is asked in their inbox to confirm (`demand-confirm`). Idempotent: the decider appends
 * nothing for a demand that closed with the case already or has gone on since, and the notice is
 * keyed by the demand's DemandClosedWithCase event. Run by the close reaction, and by an escalation
 * that finds its case closed meanwhile (the reaction may have run before the demand said it was in
 * the case).
 */
export async function closeDemandWithCase(
  pool: Pool,
  demands: DemandRepository,
  demandId: string,
  closed: ClosedCase,
): Promise<void> {
  const { caseId } = closed;
  const { state } = await demands.load(demandId);
  // Linked, but the escalation stopped before the demand itself was escalated: not in the case.
  if (state === null || !state.caseIds.includes(caseId)) return;
  await demands.execute(
    demandId,
    { type: 'CloseWithCase', data: { caseId, outcome: closed.outcome } },
    { actorId: WORKFLOW_ACTOR },
  );
  const event = (await demands.recorded(demandId)).find(
    (e) =>
      e.type === 'DemandClosedWithCase' &&
      (e.data as DemandClosedWithCase['data']).caseId === caseId,
  );
  // A hotline ticket's demand has no user to ask.
  if (event === undefined || !isUuid(state.submittedBy)) return;
  const request: NotificationRequest = {
    sourceEventId: event.eventId,
    communityId: closed.communityId,
    caseId,
    caseTitle: closed.title,
    kind: 'demand-confirm',
    parties: [],
    deadline: (event.data as DemandClosedWithCase['data']).confirmDueAt,
    subject: state.number,
  };
  await deliverPersonal(pool, request, [
    {
      userId: state.submittedBy,
      text: renderDemandConfirm(request, state.onBehalfOf?.name ?? null),
    },
  ]);
}
