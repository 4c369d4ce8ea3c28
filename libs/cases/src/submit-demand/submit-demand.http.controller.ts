import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, communityOf, NewId, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { SubmitDemandCommand } from './submit-demand.command';
import { SubmitDemandRequest } from './submit-demand.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/demands')
export class SubmitDemandController {
  constructor(private readonly commands: CommandBus) {}

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
    const { version } = await this.commands.execute(
      new SubmitDemandCommand(
        caseId,
        {
          demandId,
          content: body.content,
          source: body.source,
          unitId: body.unitId,
        },
        {
          ...actorOf(auth),
          communityId: communityOf(auth),
          speaksForOthers: m?.roles.some((r) => r !== 'resident') ?? false,
          ownUnitIds: m?.unitIds ?? [],
        },
      ),
    );
    return { id: demandId, version };
  }
}
