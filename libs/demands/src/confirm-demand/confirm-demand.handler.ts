import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { ConfirmDemandCommand } from './confirm-demand.command';

/** The decider checks who answers: the submitter, or a worker of the demand's grid for them. */
@CommandHandler(ConfirmDemandCommand)
export class ConfirmDemandHandler implements ICommandHandler<ConfirmDemandCommand, DemandOutcome> {
  constructor(private readonly demands: DemandRepository) {}

  execute({ demandId, answer, caller, at }: ConfirmDemandCommand): Promise<DemandOutcome> {
    return this.demands.execute(
      demandId,
      (state) => ({
        type: 'ConfirmDemand',
        data: {
          rating: answer.rating,
          comment: answer.comment,
          recordedBy: state?.submittedBy === caller.userId ? 'submitter' : 'grid-worker',
        },
      }),
      { actorId: caller.userId, gridIds: caller.gridIds, now: at },
    );
  }
}
