import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { AssignDemandCommand } from './assign-demand.command';
import { AssignDemandRequest } from './assign-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/assignment')
export class AssignDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.assign')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'status assigned (办理中)' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: not accepted yet, or finished' })
  async assign(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: AssignDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(
        new AssignDemandCommand(
          demandId,
          {
            party: body.party ?? null,
            userId: body.userId ?? null,
            gridId: body.gridId ?? null,
            dueInWorkingDays: body.dueInWorkingDays ?? null,
            dueAt: body.dueAt ?? null,
            note: body.note ?? null,
          },
          caller,
        ),
      ),
    );
  }
}
