import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { requireGridOrSecretary } from '../demand-write';
import { AssignDemandCommand } from './assign-demand.command';

@CommandHandler(AssignDemandCommand)
export class AssignDemandHandler implements ICommandHandler<AssignDemandCommand, DemandOutcome> {
  constructor(
    private readonly demands: DemandRepository,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ demandId, assignment, caller, at }: AssignDemandCommand): Promise<DemandOutcome> {
    const { userId, gridId } = assignment;
    if (
      userId !== undefined &&
      userId !== null &&
      !(await this.registry.isMember(caller.communityId, userId))
    )
      throw new ValidationError('承办人须是本社区的成员', {
        fields: [{ field: 'userId', problems: ['不是本社区的成员'] }],
      });
    if (
      gridId !== undefined &&
      gridId !== null &&
      (await this.registry.grid(caller.communityId, gridId)) === null
    )
      throw new ValidationError('本社区没有这个网格', {
        fields: [{ field: 'gridId', problems: ['本社区没有这个网格'] }],
      });
    return this.demands.execute(
      demandId,
      { type: 'AssignDemand', data: assignment },
      {
        actorId: caller.userId,
        now: at,
        beforeAppend: (state, events) => {
          requireGridOrSecretary(caller, state, '只有诉求所在网格的网格员或社区书记可以派单');
          return events;
        },
      },
    );
  }
}
