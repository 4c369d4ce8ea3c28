import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { LinkDemandsCommand } from './link-demands.command';

@CommandHandler(LinkDemandsCommand)
export class LinkDemandsHandler implements ICommandHandler<LinkDemandsCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, demands, actor }: LinkDemandsCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'LinkDemands', data: { demands } }, actor);
  }
}
