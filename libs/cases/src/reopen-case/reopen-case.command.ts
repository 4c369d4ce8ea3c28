import { Command } from '@nestjs/cqrs';
import { type ReopenCase } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** Reopens a closed case, with the reason. */
export class ReopenCaseCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: ReopenCase['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
