import { Command } from '@nestjs/cqrs';
import { type LedgerDemandRef } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/**
 * Demands of the ledger escalated into a case (the ledger's escalation use case sends it on the
 * CommandBus): the case lists them from then on, and its close closes them. A demand already on the
 * case is skipped.
 */
export class LinkDemandsCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly demands: readonly LedgerDemandRef[],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
