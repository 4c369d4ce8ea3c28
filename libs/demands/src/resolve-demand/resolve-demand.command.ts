import { Command } from '@nestjs/cqrs';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/** 办结: reported resolved, with photos; the submitter is asked to confirm. */
export class ResolveDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly resolution: { readonly note: string; readonly photoIds: readonly string[] },
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
