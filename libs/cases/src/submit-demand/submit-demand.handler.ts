import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, ValidationError } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { SubmitDemandCommand } from './submit-demand.command';

@CommandHandler(SubmitDemandCommand)
export class SubmitDemandHandler implements ICommandHandler<SubmitDemandCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ caseId, data, submitter }: SubmitDemandCommand): Promise<CaseOutcome> {
    const { communityId, speaksForOthers, ownUnitIds } = submitter;
    if (data.unitId !== undefined) {
      if (!speaksForOthers && !ownUnitIds.includes(data.unitId))
        throw new ForbiddenError('居民只能为自己的房屋提交诉求');
      if ((await this.registry.foreignUnitIds(communityId, [data.unitId])).length > 0)
        throw new ValidationError('所选房屋不属于本社区', {
          fields: [{ field: 'unitId', problems: ['unknown unit'] }],
        });
    }
    const unitId = data.unitId ?? (speaksForOthers ? null : (ownUnitIds[0] ?? null));
    const actor =
      submitter.party === undefined
        ? { actorId: submitter.actorId }
        : { actorId: submitter.actorId, party: submitter.party };
    return this.cases.execute(caseId, { type: 'SubmitDemand', data: { ...data, unitId } }, actor);
  }
}
