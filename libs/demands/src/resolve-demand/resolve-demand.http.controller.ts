import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { ResolveDemandCommand } from './resolve-demand.command';
import { ResolveDemandRequest } from './resolve-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/resolution')
export class ResolveDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.resolve')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'status resolved (待评价)' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: not accepted or assigned' })
  async resolve(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: ResolveDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(
        new ResolveDemandCommand(
          demandId,
          { note: body.note, photoIds: body.photoIds ?? [] },
          caller,
        ),
      ),
    );
  }
}
