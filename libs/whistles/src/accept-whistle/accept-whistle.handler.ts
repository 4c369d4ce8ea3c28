import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WhistleRepository, type WhistleOutcome } from '../whistle-repository';
import { AcceptWhistleCommand } from './accept-whistle.command';

@CommandHandler(AcceptWhistleCommand)
export class AcceptWhistleHandler implements ICommandHandler<AcceptWhistleCommand, WhistleOutcome> {
  constructor(private readonly whistles: WhistleRepository) {}

  execute({ whistleId, departmentId, caller }: AcceptWhistleCommand): Promise<WhistleOutcome> {
    return this.whistles.execute(
      whistleId,
      { type: 'AcceptWhistle', data: { departmentId } },
      { actorId: caller.userId, memberships: caller.memberships },
    );
  }
}
