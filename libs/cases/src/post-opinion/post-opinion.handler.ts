import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { PostOpinionCommand } from './post-opinion.command';

@CommandHandler(PostOpinionCommand)
export class PostOpinionHandler implements ICommandHandler<PostOpinionCommand, CaseOutcome> {
  constructor(private readonly cases: CaseRepository) {}

  execute({ caseId, data, actor }: PostOpinionCommand): Promise<CaseOutcome> {
    return this.cases.execute(caseId, { type: 'PostOpinion', data }, actor);
  }
}
