import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '@yishi/cases';
import { TaskQueries } from '../task.queries';
import { ReassignTaskCommand } from './reassign-task.command';

@CommandHandler(ReassignTaskCommand)
export class ReassignTaskHandler implements ICommandHandler<ReassignTaskCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskQueries,
  ) {}

  async execute({ taskId, data, actor }: ReassignTaskCommand): Promise<CaseOutcome> {
    const caseId = await this.tasks.caseOf(taskId);
    return this.cases.execute(caseId, { type: 'ReassignTask', data: { taskId, ...data } }, actor);
  }
}
