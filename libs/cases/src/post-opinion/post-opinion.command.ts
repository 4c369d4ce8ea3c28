import { Command } from '@nestjs/cqrs';
import { type PostOpinion } from '@yishi/domain';
import { type CaseActor } from '../case-actor';
import { type CaseOutcome } from '../case-repository';

/** A party's response (反馈) or a resident's view. */
export class PostOpinionCommand extends Command<CaseOutcome> {
  constructor(
    readonly caseId: string,
    readonly data: PostOpinion['data'],
    readonly actor: CaseActor,
  ) {
    super();
  }
}
