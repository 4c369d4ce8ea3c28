import { Command } from '@nestjs/cqrs';
import { type LedgerSource } from '@yishi/domain';
import { type DemandCaller } from '../demand-caller';
import { type DemandOutcome } from '../demand-repository';

export interface SubmittedDemand {
  /** The client's id (a phone offline makes it) or a new one. */
  readonly demandId: string;
  /** The id was made at random for this request: no demand can be recorded under it yet. */
  readonly freshId: boolean;
  readonly content: string;
  readonly category: string;
  readonly unitId: string | null;
  readonly place: { readonly estate: string; readonly building: string | null } | null;
  readonly source: LedgerSource;
  readonly onBehalfOf: { readonly name: string; readonly phone: string | null } | null;
  readonly photoIds: readonly string[];
}

/**
 * A demand enters the ledger. `created` is false when the id was recorded already (the same
 * client sent it again): the demand as it is, nothing appended.
 */
export class SubmitLedgerDemandCommand extends Command<DemandOutcome & { created: boolean }> {
  constructor(
    readonly demand: SubmittedDemand,
    readonly caller: DemandCaller,
    /** When the step happened, for a seed writing the past (the demo's ledger); now when absent. */
    readonly at?: string,
  ) {
    super();
  }
}
