import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '@yishi/cases';
import { TaskQueries } from '../task.queries';
import { ReportProgressCommand } from './report-progress.command';

@CommandHandler(ReportProgressCommand)
export class ReportProgressHandler implements ICommandHandler<ReportProgressCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskQueries,
  ) {}

  async execute({ taskId, data, actor }: ReportProgressCommand): Promise<CaseOutcome> {
    await this.tasks.checkUploads(taskId, data.evidence);
    const caseId = await this.tasks.caseOf(taskId);
    return this.cases.execute(caseId, { type: 'ReportProgress', data: { taskId, ...data } }, actor);
  }
}
