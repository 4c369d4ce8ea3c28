import { Command } from '@nestjs/cqrs';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 指定经办人: the secretary names the case's handler (a case worker of its community). */
export class AssignHandlerCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly communityId: string,
    readonly userId: string,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
