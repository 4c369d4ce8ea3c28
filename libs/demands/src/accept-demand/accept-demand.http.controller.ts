import { Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { AcceptDemandCommand } from './accept-demand.command';

@ApiTags('demands')
@Controller('demands/:demandId/acceptance')
export class AcceptDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.accept')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'status accepted (已签收)' })
  @ApiConflictResponse({ description: 'WRONG_STAGE or ALREADY_ACKNOWLEDGED: accepted already' })
  async accept(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(await this.commands.execute(new AcceptDemandCommand(demandId, caller)));
  }
}
