import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { WithdrawDemandCommand } from './withdraw-demand.command';

/** The decider checks that the caller submitted it. */
@CommandHandler(WithdrawDemandCommand)
export class WithdrawDemandHandler implements ICommandHandler<
  WithdrawDemandCommand,
  DemandOutcome
> {
  constructor(private readonly demands: DemandRepository) {}

  execute({ demandId, reason, caller, at }: WithdrawDemandCommand): Promise<DemandOutcome> {
    return this.demands.execute(
      demandId,
      { type: 'WithdrawDemand', data: { reason } },
      { actorId: caller.userId, now: at },
    );
  }
}
