import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { WithdrawDemandCommand } from './withdraw-demand.command';
import { WithdrawDemandRequest } from './withdraw-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/withdrawal')
export class WithdrawDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.withdraw')
  @ApiCreatedResponse({ type: DemandWriteResponse, description: 'status withdrawn' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: resolved or finished already' })
  async withdraw(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: WithdrawDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(new WithdrawDemandCommand(demandId, body.reason ?? null, caller)),
    );
  }
}
