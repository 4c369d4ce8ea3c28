import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 签收: the demand's grid worker (or the secretary) takes it on. */
export class AcceptDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
