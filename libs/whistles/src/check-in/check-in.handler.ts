import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WhistlePhotos } from '../whistle-photos';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { CheckInCommand } from './check-in.command';

@CommandHandler(CheckInCommand)
export class CheckInHandler implements ICommandHandler<CheckInCommand, WhistleOutcome> {
  constructor(
    private readonly whistles: WhistleRepository,
    private readonly photos: WhistlePhotos,
  ) {}

  async execute({
    whistleId,
    communityId,
    checkIn,
    caller,
  }: CheckInCommand): Promise<WhistleOutcome> {
    const photoIds = await this.photos.requireOwnUnattached(
      communityId,
      caller.userId,
      checkIn.photoIds,
    );
    const outcome = await this.whistles.execute(
      whistleId,
      {
        type: 'CheckIn',
        data: {
          departmentId: checkIn.departmentId,
          note: checkIn.note,
          colleagues: checkIn.colleagues,
          photoIds,
        },
      },
      { actorId: caller.userId, memberships: caller.memberships },
    );
    await this.photos.attach(whistleId, photoIds);
    return outcome;
  }
}
