import { Command } from '@nestjs/cqrs';
import { type OpenCase } from '@yishi/domain';
import { type CaseActor } from '@yishi/cases';
import { type DemandCaller } from '../demand-caller';

/** An open case of the community, or a new one opened for the demands under `caseId`. */
export type EscalationTarget =
  | { readonly kind: 'existing'; readonly caseId: string }
  | {
      readonly kind: 'new';
      readonly caseId: string;
      readonly newCase: Omit<OpenCase['data'], 'settings' | 'caseId' | 'communityId'>;
    };

/**
 * 转议事: demands of the ledger go into one case (opened for them, or open already), which lists
 * them and, when it closes, closes them. Answers the case they are in.
 */
export class EscalateDemandsCommand extends Command<{ caseId: string }> {
  constructor(
    readonly demandIds: readonly string[],
    readonly target: EscalationTarget,
    readonly caller: DemandCaller,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
