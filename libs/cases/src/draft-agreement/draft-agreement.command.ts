import { Command } from '@nestjs/cqrs';
import { type DraftAgreement } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** A mediation's agreement (调解协议) drafted, replacing the last draft and its signatures. */
export class DraftAgreementCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: DraftAgreement['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
