import { Command } from '@nestjs/cqrs';
import { type ReassignTask } from '@yishi/domain';
import { type CaseActor, type CaseOutcome } from '@yishi/cases';

/** An open task to another party and/or a new due date. */
export class ReassignTaskCommand extends Command<CaseOutcome> {
  constructor(
    readonly taskId: string,
    readonly data: Omit<ReassignTask['data'], 'taskId'>,
    readonly actor: CaseActor,
  ) {
    super();
  }
}
