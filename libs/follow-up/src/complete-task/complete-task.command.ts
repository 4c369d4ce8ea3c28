import { Command } from '@nestjs/cqrs';
import { type CompleteTask } from '@yishi/domain';
import { type CaseActor, type CaseOutcome } from '@yishi/cases';

/** Completes a task; the last one open opens the evaluation window. */
export class CompleteTaskCommand extends Command<CaseOutcome> {
  constructor(
    readonly taskId: string,
    readonly data: Omit<CompleteTask['data'], 'taskId'>,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
