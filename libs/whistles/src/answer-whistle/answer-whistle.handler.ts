import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WhistlePhotos } from '../whistle-photos';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { AnswerWhistleCommand } from './answer-whistle.command';

@CommandHandler(AnswerWhistleCommand)
export class AnswerWhistleHandler implements ICommandHandler<AnswerWhistleCommand, WhistleOutcome> {
  constructor(
    private readonly whistles: WhistleRepository,
    private readonly photos: WhistlePhotos,
  ) {}

  async execute({
    whistleId,
    communityId,
    answer,
    caller,
  }: AnswerWhistleCommand): Promise<WhistleOutcome> {
    const photoIds = await this.photos.requireOwnUnattached(
      communityId,
      caller.userId,
      answer.photoIds,
    );
    const outcome = await this.whistles.execute(
      whistleId,
      {
        type: 'AnswerWhistle',
        data: { departmentId: answer.departmentId, result: answer.result, photoIds },
      },
      { actorId: caller.userId, memberships: caller.memberships },
    );
    await this.photos.attach(whistleId, photoIds);
    return outcome;
  }
}
