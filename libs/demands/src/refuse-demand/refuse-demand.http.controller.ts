import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { RefuseDemandCommand } from './refuse-demand.command';
import { RefuseDemandRequest } from './refuse-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/refusal')
export class RefuseDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.refuse')
  @ApiCreatedResponse({
    type: DemandWriteResponse,
    description: 'status refused (to the secretary)',
  })
  @ApiConflictResponse({
    description: "IN_ADMISSION_LIST: the category is on the grid's admission list; WRONG_STAGE",
  })
  async refuse(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: RefuseDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(new RefuseDemandCommand(demandId, body.reason, caller)),
    );
  }
}
