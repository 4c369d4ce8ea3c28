import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { DraftAgreementCommand } from './draft-agreement.command';

/** The case's handler (a case worker the secretary named) drafts as the secretary would. */
@CommandHandler(DraftAgreementCommand)
export class DraftAgreementHandler implements ICommandHandler<DraftAgreementCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: DraftAgreementCommand): Promise<CaseOutcome> {
    return this.cases.execute(
      caseId,
      (state) => ({
        type: 'DraftAgreement',
        data: {
          ...data,
          bySecretary: data.bySecretary === true || state?.handlerId === actor.actorId,
        },
      }),
      actor,
    );
  }
}
