import { Command } from '@nestjs/cqrs';
import { type Stage } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** 签收: the actor's party acknowledges the stage. */
export class AcknowledgeCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly stage: Stage,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
