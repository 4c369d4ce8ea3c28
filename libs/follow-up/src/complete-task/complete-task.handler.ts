import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '@yishi/cases';
import { TaskQueries } from '../task.queries';
import { CompleteTaskCommand } from './complete-task.command';

@CommandHandler(CompleteTaskCommand)
export class CompleteTaskHandler implements ICommandHandler<CompleteTaskCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskQueries,
  ) {}

  async execute({ taskId, data, actor }: CompleteTaskCommand): Promise<CaseOutcome> {
    await this.tasks.checkUploads(taskId, data.evidence);
    const caseId = await this.tasks.caseOf(taskId);
    return this.cases.execute(caseId, { type: 'CompleteTask', data: { taskId, ...data } }, actor);
  }
}
