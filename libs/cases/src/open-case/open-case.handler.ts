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
}
