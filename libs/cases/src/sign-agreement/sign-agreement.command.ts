import { Command } from '@nestjs/cqrs';
import { type SignAgreement } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** A side's person signs the mediation agreement in the app; the last side closes the case. */
export class SignAgreementCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: SignAgreement['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
