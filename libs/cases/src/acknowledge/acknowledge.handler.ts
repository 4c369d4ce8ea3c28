import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '@yishi/domain';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { AcknowledgeCommand } from './acknowledge.command';

@CommandHandler(AcknowledgeCommand)
export class AcknowledgeHandler implements ICommandHandler<AcknowledgeCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  async execute({ caseId, stage, actor }: AcknowledgeCommand): Promise<CaseOutcome> {
    if (actor.party === undefined) throw new ForbiddenError('只有参与议事的各方才能签收');
    const party = actor.party;
    return this.cases.execute(caseId, { type: 'Acknowledge', data: { party, stage } }, actor);
  }
}
