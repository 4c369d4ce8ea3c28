import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { RateWhistleCommand } from './rate-whistle.command';

@CommandHandler(RateWhistleCommand)
export class RateWhistleHandler implements ICommandHandler<RateWhistleCommand, WhistleOutcome> {
  constructor(private readonly whistles: WhistleRepository) {}

  execute({ whistleId, rating, actorId }: RateWhistleCommand): Promise<WhistleOutcome> {
    return this.whistles.execute(whistleId, { type: 'RateWhistle', data: rating }, { actorId });
  }
}
