import { Command } from '@nestjs/cqrs';
import { type SubmitDemand } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** Who submits a demand: a resident for their own units, anyone else on behalf of any unit. */
export interface DemandSubmitter extends CaseActor {
  readonly communityId: string;
  /** Holds a role besides resident: may name any unit of the community, or none. */
  readonly speaksForOthers: boolean;
  readonly ownUnitIds: readonly string[];
}

/** 诉求: a demand in gathering, for a unit (or none, when a party speaks for the community). */
export class SubmitDemandCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: Omit<SubmitDemand['data'], 'unitId'> & { readonly unitId?: string },
    readonly submitter: DemandSubmitter,
  ) {
    super();
  }
}
