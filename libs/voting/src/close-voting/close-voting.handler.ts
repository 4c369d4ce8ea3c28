import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, WrongStageError } from '@yishi/domain';
import { CaseRepository } from '@yishi/cases';
import { ResolutionRepository } from '../resolution.repository';
import { VoteResults } from '../vote-results';
import { type TallyView } from '../voting.types';
import { CancelVotingCommand, CloseVotingCommand } from './close-voting.command';

/**
 * Closes the ballot box (VotingClosed, once) and settles the result (VoteResults.settle): final at
 * once where the community has no objection period, else the preliminary result; returns the tally.
 * Idempotent: a second close changes nothing and returns the same tally. A closed case takes no
 * vote result (409 WRONG_STAGE).
 */
@CommandHandler(CloseVotingCommand)
export class CloseVotingHandler implements ICommandHandler<CloseVotingCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly results: VoteResults,
    private readonly cases: CaseRepository,
  ) {}

  async execute({ resolutionId, actor, trigger }: CloseVotingCommand): Promise<TallyView> {
    const voting = await this.resolutions.open(resolutionId);
    const { state } = await this.cases.load(voting.caseId);
    if (state === null) throw new NotFoundError('案件不存在', { caseId: voting.caseId });
    const resolution = state.resolutions.find((r) => r.id === resolutionId);
    if (
      resolution?.status === 'cancelled' ||
      (state.status === 'closed' && resolution?.status === 'open')
    ) {
      throw new WrongStageError('案件已销号，表决已取消', { caseId: voting.caseId });
    }
    await this.resolutions.closeBox(voting, actor.actorId, trigger);
    return this.results.settle(resolutionId, actor);
  }
}

/**
 * The case was closed while this resolution was open (VotingCancelled on the case): the ballot
 * box closes for good with trigger `case-closed`, so no ballot is accepted after it. No result is
 * recorded; a reopened case drafts a new resolution. Idempotent.
 */
@CommandHandler(CancelVotingCommand)
export class CancelVotingHandler implements ICommandHandler<CancelVotingCommand> {
  constructor(private readonly resolutions: ResolutionRepository) {}

  async execute({ resolutionId, actorId }: CancelVotingCommand): Promise<void> {
    const voting = await this.resolutions.snapshot(resolutionId);
    if (voting === undefined) return;
    await this.resolutions.closeBox(voting, actorId, 'case-closed');
  }
}
