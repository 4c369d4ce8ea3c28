import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { RequestAdvanceCommand } from './request-advance.command';

@CommandHandler(RequestAdvanceCommand)
export class RequestAdvanceHandler implements ICommandHandler<RequestAdvanceCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: RequestAdvanceCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'RequestAdvance', data }, actor);
  }
}
