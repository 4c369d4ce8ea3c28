import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type CaseClosed } from '@yishi/domain';
import { type RecordedEvent } from '@yishi/event-store';
import { caseIdOf, CaseRepository, loadCaseOnce } from '@yishi/cases';
import { OnEvent, type ReactionScope } from '@yishi/messaging';
import { PG_POOL } from '@yishi/platform';
import { DemandRepository } from '../demand-repository';
import { closeDemandWithCase } from './close-with-case';

/**
 * A case closed: each demand of the ledger escalated into it closes with it and its submitter is
 * asked to confirm (closeDemandWithCase: idempotent, so a replay tells nobody twice). A case
 * reopened later leaves its demands as they are: each asks its submitter, and a
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
      await closeDemandWithCase(this.pool, this.demands, d.id, {
        caseId,
        communityId: state.communityId,
        title: state.title,
        outcome,
      });
  }
}
