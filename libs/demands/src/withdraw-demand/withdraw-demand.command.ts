import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 撤回: the submitter takes the demand back before it is resolved. */
export class WithdrawDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly reason: string | null,
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
