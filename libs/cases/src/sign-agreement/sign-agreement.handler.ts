import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { SignAgreementCommand } from './sign-agreement.command';

@CommandHandler(SignAgreementCommand)
export class SignAgreementHandler implements ICommandHandler<SignAgreementCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: SignAgreementCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'SignAgreement', data }, actor);
  }
}
