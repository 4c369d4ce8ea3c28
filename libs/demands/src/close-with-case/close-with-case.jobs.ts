import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type CaseClosed, type DemandClosedWithCase, type Outcome } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { caseIdOf, CaseRepository, loadCaseOnce, WORKFLOW_ACTOR } from '@yishi/cases';
import { OnEvent, type NotificationRequest, type ReactionScope } from '@yishi/messaging';
import { deliverPersonal, isUuid, renderDemandConfirm } from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import { DemandRepository } from '../demand-repository';

/**
 * A case closed: each demand of the ledger escalated into it closes with it (CloseWithCase, the
 * case's outcome), and its submitter is asked in their inbox to confirm (`demand-confirm`, with the
 * demand's number and the confirmation deadline). Idempotent: the decider appends nothing for a
 * demand that closed with the case already or has gone on since (a dissatisfied answer reopened
 * it), and the notice is keyed by the demand's DemandClosedWithCase event, so a replay tells nobody
 * twice. A case reopened later leaves its demands as they are: each asks its submitter, and a
 * dissatisfied answer reopens it in the ledger. Run by the worker (its module provides this class).
 */
@Injectable()
export class CloseWithCaseJobs {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly cases: CaseRepository,
    private readonly demands: DemandRepository,
  ) {}

  @OnEvent('CaseClosed')
  private async onCaseClosed(event: RecordedEvent, scope: ReactionScope): Promise<void> {
    const caseId = caseIdOf(event.streamId);
    if (caseId === undefined) return;
    const { state } = await loadCaseOnce(scope, this.cases, caseId);
    if (state === null) return;
    const { outcome, closedAt } = event.data as CaseClosed['data'];
    // The ledger's demands on the case when it closed (a case reopened later may gather more).
    const linked = state.demands.filter(
      (d) => d.number !== undefined && d.linkedAt !== undefined && d.linkedAt <= closedAt,
    );
    for (const d of linked)
      await this.closeDemand(d.id, caseId, outcome, {
        communityId: state.communityId,
        title: state.title,
      });
  }

  private async closeDemand(
    demandId: string,
    caseId: string,
    outcome: Outcome,
    theCase: { communityId: string; title: string },
  ): Promise<void> {
    const { state } = await this.demands.load(demandId);
    // Linked, but the escalation stopped before the demand itself was escalated: not in the case.
    if (state === null || !state.caseIds.includes(caseId)) return;
    await this.demands.execute(
      demandId,
      { type: 'CloseWithCase', data: { caseId, outcome } },
      { actorId: WORKFLOW_ACTOR },
    );
    const closed = (await this.demands.recorded(demandId)).find(
      (e) =>
        e.type === 'DemandClosedWithCase' &&
        (e.data as DemandClosedWithCase['data']).caseId === caseId,
    );
    // A hotline ticket's demand has no user to ask.
    if (closed === undefined || !isUuid(state.submittedBy)) return;
    const request: NotificationRequest = {
      sourceEventId: closed.eventId,
      communityId: theCase.communityId,
      caseId,
      caseTitle: theCase.title,
      kind: 'demand-confirm',
      parties: [],
      deadline: (closed.data as DemandClosedWithCase['data']).confirmDueAt,
      subject: state.number,
    };
    await deliverPersonal(this.pool, request, [
      { userId: state.submittedBy, text: renderDemandConfirm(request) },
    ]);
  }
}
