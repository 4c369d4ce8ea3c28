import { Command } from '@nestjs/cqrs';
import { type CloseCase } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** Ends the case by hand: withdrawn or unresolved. */
export class CloseCaseCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: CloseCase['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
