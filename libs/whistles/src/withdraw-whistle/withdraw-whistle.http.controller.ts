import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { writeResponse } from '../whistle-caller';
import { WhistleWriteResponse } from '../whistles.dto';
import { WithdrawWhistleCommand } from './withdraw-whistle.command';
import { WithdrawWhistleRequest } from './withdraw-whistle.request.dto';

@ApiTags('whistles')
@Controller('whistles/:whistleId/withdrawal')
export class WithdrawWhistleController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('whistles.withdraw')
  @ApiCreatedResponse({ type: WhistleWriteResponse, description: 'status withdrawn' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: a department has answered' })
  async withdraw(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Body() body: WithdrawWhistleRequest,
  ): Promise<WhistleWriteResponse> {
    return writeResponse(
      await this.commands.execute(new WithdrawWhistleCommand(whistleId, body.reason, auth.user.id)),
    );
  }
}
