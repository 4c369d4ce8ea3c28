import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { writeResponse } from '../demand-write';
import { DemandWriteResponse } from '../demands.dto';
import { ConfirmDemandCommand } from './confirm-demand.command';
import { ConfirmDemandRequest } from './confirm-demand.request.dto';

@ApiTags('demands')
@Controller('demands/:demandId/confirmation')
export class ConfirmDemandController {
  constructor(
    private readonly commands: CommandBus,
    private readonly callers: DemandCallers,
  ) {}

  @Post()
  @Can('demands.confirm')
  @ApiCreatedResponse({
    type: DemandWriteResponse,
    description: 'satisfied or basically: status closed (销号); dissatisfied: back to assigned',
  })
  @ApiConflictResponse({ description: 'WRONG_STAGE: no confirmation is awaited' })
  async confirm(
    @Auth() auth: RequestAuth,
    @Param('demandId') demandId: string,
    @Body() body: ConfirmDemandRequest,
  ): Promise<DemandWriteResponse> {
    const caller = await this.callers.of(auth);
    return writeResponse(
      await this.commands.execute(
        new ConfirmDemandCommand(
          demandId,
          { rating: body.rating, comment: body.comment ?? null },
          caller,
        ),
      ),
    );
  }
}
