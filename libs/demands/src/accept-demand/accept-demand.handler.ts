import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { requireGridOrSecretary } from '../demand-write';
import { AcceptDemandCommand } from './accept-demand.command';

@CommandHandler(AcceptDemandCommand)
export class AcceptDemandHandler implements ICommandHandler<AcceptDemandCommand, DemandOutcome> {
  constructor(private readonly demands: DemandRepository) {}

  execute({ demandId, caller, at }: AcceptDemandCommand): Promise<DemandOutcome> {
    return this.demands.execute(
      demandId,
      { type: 'AcceptDemand', data: {} },
      {
        actorId: caller.userId,
        now: at,
        beforeAppend: (state, events) => {
          requireGridOrSecretary(caller, state, '只有诉求所在网格的网格员或社区书记可以签收');
          return events;
        },
      },
    );
  }
}
