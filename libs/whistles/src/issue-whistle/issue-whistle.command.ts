import { Command } from '@nestjs/cqrs';
import { type WhistleOutcome } from '../whistle-repository';
import { type IssueWhistleRequest } from './issue-whistle.request.dto';

/** 录入 (吹哨): the community's secretary sends a matter to departments of its street. */
export class IssueWhistleCommand extends Command<WhistleOutcome> {
  constructor(
    readonly communityId: string,
    readonly request: IssueWhistleRequest,
    readonly actorId: string,
  ) {
    super();
  }
}
