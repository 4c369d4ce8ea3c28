import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { VoteResults } from '../vote-results';
import { type TallyView } from '../voting.types';
import { FinaliseResultCommand, SettleResultCommand } from './settle-result.command';

/*
 * The worker's steps after the ballot box (on VotingClosed, at the end of the objection period,
 * on ObjectionAnswered and ResultFinalised). Closing a vote and answering an objection take the
 * same steps, so their logic is VoteResults'.
 */

@CommandHandler(SettleResultCommand)
export class SettleResultHandler implements ICommandHandler<SettleResultCommand> {
  constructor(private readonly results: VoteResults) {}

  execute({ resolutionId, actor }: SettleResultCommand): Promise<TallyView> {
    return this.results.settle(resolutionId, actor);
  }
}

@CommandHandler(FinaliseResultCommand)
export class FinaliseResultHandler implements ICommandHandler<FinaliseResultCommand> {
  constructor(private readonly results: VoteResults) {}

  execute({ resolutionId, actor }: FinaliseResultCommand): Promise<TallyView | undefined> {
    return this.results.finalise(resolutionId, actor);
  }
}
