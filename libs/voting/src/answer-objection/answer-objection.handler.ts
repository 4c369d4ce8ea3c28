import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  AlreadyExistsError,
  answerObjection,
  ConcurrencyConflictError,
  foldResult,
  WrongStageError,
  type ObjectionAnswered,
  type ResultPhase,
} from '@yishi/domain';
import { ResolutionRepository } from '../resolution.repository';
import { VoteResults } from '../vote-results';
import { type TallyView } from '../voting.types';
import { AnswerObjectionCommand } from './answer-objection.command';

/**
 * POST /resolutions/:id/objections/:objectionId/answer, by the secretary: upheld or not, with the
 * reason, and any correction of a unit's ballot. The last answer after the period finalises.
 */
@CommandHandler(AnswerObjectionCommand)
export class AnswerObjectionHandler implements ICommandHandler<AnswerObjectionCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly results: VoteResults,
  ) {}

  async execute({
    resolutionId,
    objectionId,
    request,
    actor,
  }: AnswerObjectionCommand): Promise<ObjectionAnswered['data'] & { readonly phase: ResultPhase }> {
    const voting = await this.resolutions.open(resolutionId);
    if ((await this.resolutions.statusOnCase(voting)) === 'cancelled')
      throw new WrongStageError('案件已销号，表决已取消', { resolutionId });
    for (let attempt = 1; ; attempt++) {
      const events = await this.resolutions.events(resolutionId);
      const data = answerObjection(
        voting,
        foldResult(events),
        objectionId,
        request,
        actor.actorId,
        new Date().toISOString(),
      );
      try {
        await this.resolutions.appendResult(
          events,
          [{ type: 'ObjectionAnswered', data }],
          actor.actorId,
        );
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 5) throw error;
        continue;
      }
      // The answer stands whatever happens next; the worker finalises again on ObjectionAnswered.
      let finalised: TallyView | undefined;
      try {
        finalised = await this.results.finalise(resolutionId, actor);
      } catch (error) {
        if (!(error instanceof WrongStageError || error instanceof AlreadyExistsError)) throw error;
      }
      return { ...data, phase: finalised === undefined ? 'objection' : 'final' };
    }
  }
}
