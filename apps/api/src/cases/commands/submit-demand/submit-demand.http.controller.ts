import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { ForbiddenError, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { foreignUnitIds } from '@yishi/registry';
import { actorOf, Auth, Can, communityOf, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';
import { SubmitDemandRequest } from './submit-demand.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/demands')
export class SubmitDemandController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Post()
  @Can('cases.demand')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'WRONG_STAGE: demands are taken in gathering only' })
  async submit(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: SubmitDemandRequest,
    @NewId('demand') demandId: string,
  ): Promise<CaseWriteResponse> {
    const m = auth.membership;
    const speaksForOthers = m?.roles.some((r) => r !== 'resident') ?? false;
    if (body.unitId !== undefined) {
      if (!speaksForOthers && !(m?.unitIds.includes(body.unitId) ?? false))
        throw new ForbiddenError('居民只能为自己的房屋提交诉求');
      if ((await foreignUnitIds(this.pool, communityOf(auth), [body.unitId])).length > 0)
        throw new ValidationError('所选房屋不属于本社区', {
          fields: [{ field: 'unitId', problems: ['unknown unit'] }],
        });
    }
    const unitId = body.unitId ?? (speaksForOthers ? null : (m?.unitIds[0] ?? null));
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        {
          type: 'SubmitDemand',
          data: { demandId, content: body.content, source: body.source, unitId },
        },
        actorOf(auth),
      ),
    );
    return { id: demandId, version };
  }
}
