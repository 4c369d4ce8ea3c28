import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { MergeDemandCommand } from './merge-demand.command';
import { MergeDemandRequest } from './merge-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/merge')
export class MergeDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.merge')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'status merged' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: either demand has finished' })
  async merge(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: MergeDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(new MergeDemandCommand(demandId, body.intoDemandId, caller)),
    );
  }
}
