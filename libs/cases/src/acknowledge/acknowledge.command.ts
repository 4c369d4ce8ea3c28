import { Command } from '@nestjs/cqrs';
import { type Stage } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/**
 * 签收: the actor's party acknowledges the stage. `estates`: those the actor is scoped to as a party
 * member (empty: the whole community, as for a secretary).
 */
export class AcknowledgeCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly stage: Stage,
    readonly actor: CaseActor,
    readonly estates: readonly string[] = [],
  ) {
    super();
  }
}
