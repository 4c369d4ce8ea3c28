import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { DraftAgreementCommand } from './draft-agreement.command';

@CommandHandler(DraftAgreementCommand)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreementCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: DraftAgreementCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'DraftAgreement', data }, actor);
  }
}
