import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { isGridWorkerOf } from '../demand-write';
import { RefuseDemandCommand } from './refuse-demand.command';

/** The decider compares the category with the admission list of the demand's grid (409 inside). */
@CommandHandler(RefuseDemandCommand)
export class RefuseDemandHandler implements ICommandHandler<RefuseDemandCommand, DemandOutcome> {
  constructor(
    private readonly demands: DemandRepository,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ demandId, reason, caller, at }: RefuseDemandCommand): Promise<DemandOutcome> {
    const { state } = await this.demands.load(demandId);
    const grid =
      state?.gridId === null || state === null
        ? null
        : await this.registry.grid(caller.communityId, state.gridId);
    return this.demands.execute(
      demandId,
      { type: 'RefuseDemand', data: { reason } },
      {
        actorId: caller.userId,
        now: at,
        admissionList: grid?.admissionList ?? [],
        beforeAppend: (loaded, events) => {
          if (loaded !== null && !isGridWorkerOf(caller, loaded))
            throw new ForbiddenError('只有诉求所在网格的网格员可以退回', {
              gridId: loaded.gridId,
            });
          return events;
        },
      },
    );
  }
}
