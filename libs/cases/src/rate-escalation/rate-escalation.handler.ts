import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { RateEscalationCommand } from './rate-escalation.command';

@CommandHandler(RateEscalationCommand)
export class RateEscalationHandler implements ICommandHandler<RateEscalationCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: RateEscalationCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'RateEscalation', data }, actor);
  }
}
