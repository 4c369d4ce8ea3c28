import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { RegistryReads } from '@yishi/registry';
import { CaseRepository, type CaseOutcome } from '../case-repository';
import { OpenCaseCommand } from './open-case.command';

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, CaseOutcome> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ data, actor }: OpenCaseCommand): Promise<CaseOutcome> {
    if ((await this.registry.unitsInScope(data.communityId, data.scope)) === 0)
      throw new ValidationError('房屋台账中没有这个小区、楼栋、单元的房屋', {
        fields: [{ field: 'scope', problems: ['no units in this estate, building and entrance'] }],
      });
    if (data.mechanism === 'mediation') await this.checkMediation(data);
    const settings = await this.registry.settings(data.communityId);
    return this.cases.execute(
      data.caseId,
      {
        type: 'OpenCase',
        data: {
          ...data,
          settings,
          categoryProcedure: settings.procedureByCategory[data.category] ?? null,
        },
      },
      actor,
    );
  }

  /**
   * A mediation's sides and mediator are of this community: each side's unit in its ledger, each
   * person a member, the mediator a member holding the role mediator or secretary. Their shape
   * (two sides or more, nobody twice) is the domain's to check.
   */
  private async checkMediation(data: OpenCaseCommand['data']): Promise<void> {
    const sides = data.sides ?? [];
    const foreign = await this.registry.foreignUnitIds(
      data.communityId,
      sides.map((s) => s.unitId),
    );
    if (foreign.length > 0)
      throw new ValidationError('当事方的房屋不在本社区房屋台账中', {
        fields: [{ field: 'sides', problems: ['unit not of this community'] }],
        unitIds: foreign,
      });
    const strangers = await this.registry.nonMembers(
      data.communityId,
      sides.flatMap((s) => s.userIds),
    );
    if (strangers.length > 0)
      throw new ValidationError('当事人须为本社区成员', {
        fields: [{ field: 'sides', problems: ['user not a member of this community'] }],
        userIds: strangers,
      });
    if (data.mediatorId === undefined || data.mediatorId === null) return;
    const roles = await this.registry.rolesOf(data.communityId, data.mediatorId);
    if (!(roles.includes('mediator') || roles.includes('secretary')))
      throw new ValidationError('调解员须为本社区的调解员或社区书记', {
        fields: [{ field: 'mediatorId', problems: ['not a mediator or secretary here'] }],
      });
  }
}
