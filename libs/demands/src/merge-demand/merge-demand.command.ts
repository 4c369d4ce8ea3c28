import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** A duplicate goes into another open demand of the community (合并). */
export class MergeDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly intoDemandId: string,
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
