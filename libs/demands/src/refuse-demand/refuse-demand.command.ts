import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 退回: the grid refuses a demand whose category is not on its admission list; to the secretary. */
export class RefuseDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly reason: string,
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
