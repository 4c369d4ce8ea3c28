import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '@yishi/cases';
import { AssignTaskCommand } from './assign-task.command';

@CommandHandler(AssignTaskCommand)
export class AssignTaskHandler implements ICommandHandler<AssignTaskCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: AssignTaskCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'AssignTask', data }, actor);
  }
}
