import { Command } from '@nestjs/cqrs';
import { type AssignTask } from '@yishi/domain';
import { type CaseActor, type CaseOutcome } from '@yishi/cases';

/** 落实: a task for one party, with a due date. */
export class AssignTaskCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: AssignTask['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
