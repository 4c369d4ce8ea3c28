import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { WithdrawWhistleCommand } from './withdraw-whistle.command';

@CommandHandler(WithdrawWhistleCommand)
export class WithdrawWhistleHandler implements ICommandHandler<
  WithdrawWhistleCommand,
  WhistleOutcome
> {
  constructor(private readonly whistles: WhistleRepository) {}

  execute({ whistleId, reason, actorId }: WithdrawWhistleCommand): Promise<WhistleOutcome> {
    return this.whistles.execute(
      whistleId,
      { type: 'WithdrawWhistle', data: { reason } },
      { actorId },
    );
  }
}
