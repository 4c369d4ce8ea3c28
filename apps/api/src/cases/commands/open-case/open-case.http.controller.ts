import { Body, Controller, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { readSettings, unitsInScope } from '@yishi/registry';
import { actorOf, Auth, Can, communityOf, NewId, type RequestAuth } from '@yishi/access';
import { RunCaseCommand } from '../../run-case-command';
import { OpenCaseRequest, OpenCaseResponse } from './open-case.request.dto';

@ApiTags('cases')
@Controller('communities/:communityId/cases')
export class OpenCaseController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @Post()
  @Can('cases.open')
  @ApiCreatedResponse({ type: OpenCaseResponse })
  async open(
    @Auth() auth: RequestAuth,
    @Body() body: OpenCaseRequest,
    @NewId('case') caseId: string,
  ): Promise<OpenCaseResponse> {
    const communityId = communityOf(auth);
    const scope = {
      estate: body.scope.estate,
      building: body.scope.building ?? null,
      entrance: body.scope.entrance ?? null,
    };
    if ((await unitsInScope(this.pool, communityId, scope)) === 0)
      throw new ValidationError('房屋台账中没有这个小区、楼栋、单元的房屋', {
        fields: [{ field: 'scope', problems: ['no units in this estate, building and entrance'] }],
      });
    const { state, version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        {
          type: 'OpenCase',
          data: {
            caseId,
            communityId,
            mechanism: body.mechanism,
            title: body.title,
            description: body.description,
            category: body.category,
            scope,
            involvedParties: body.involvedParties ?? [],
            settings: await readSettings(this.pool, communityId),
          },
        },
        actorOf(auth),
      ),
    );
    return {
      id: caseId,
      stage: state?.stage ?? 'gathering',
      status: state?.status ?? 'open',
      version,
    };
  }
}
