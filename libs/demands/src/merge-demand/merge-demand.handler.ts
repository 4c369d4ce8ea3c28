import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { DemandRepository, type DemandOutcome } from '../demand-repository';
import { MergeDemandCommand } from './merge-demand.command';

/** The demand it goes into must be one of the same community; the decider checks its status. */
@CommandHandler(MergeDemandCommand)
export class MergeDemandHandler implements ICommandHandler<MergeDemandCommand, DemandOutcome> {
  constructor(private readonly demands: DemandRepository) {}

  async execute({
    demandId,
    intoDemandId,
    caller,
    at,
  }: MergeDemandCommand): Promise<DemandOutcome> {
    const into = (await this.demands.load(intoDemandId)).state;
    if (into === null || into.communityId !== caller.communityId)
      throw new ValidationError('要合并到的诉求不存在', {
        fields: [{ field: 'intoDemandId', problems: ['本社区没有这个诉求'] }],
      });
    return this.demands.execute(
      demandId,
      { type: 'MergeDemand', data: { into: intoDemandId, intoStatus: into.status } },
      { actorId: caller.userId, now: at },
    );
  }
}
