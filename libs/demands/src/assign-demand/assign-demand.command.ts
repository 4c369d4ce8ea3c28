import { Command } from '@nestjs/cqrs';
import { type AssignDemand } from '@yishi/domain';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 派单: to a party, a person or another grid of the community, with its deadline. */
export class AssignDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly assignment: AssignDemand['data'],
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
