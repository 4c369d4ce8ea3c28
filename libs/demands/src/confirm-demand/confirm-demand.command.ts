import { Command } from '@nestjs/cqrs';
import { type Rating } from '@yishi/domain';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

/**
 * 评价: the submitter's answer, or a grid worker recording it on a return visit (回访). Satisfied
 * or basically: closed (销号); dissatisfied: reopened, back to assigned.
 */
export class ConfirmDemandCommand extends Command<DemandOutcome> {
  constructor(
    readonly demandId: string,
    readonly answer: { readonly rating: Rating; readonly comment: string | null },
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
