import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { CloseCaseCommand } from './close-case.command';

@CommandHandler(CloseCaseCommand)
export class CloseCaseHandler implements ICommandHandler<CloseCaseCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: CloseCaseCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'CloseCase', data }, actor);
  }
}
