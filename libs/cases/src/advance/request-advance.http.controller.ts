import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { RequestAdvanceCommand } from './request-advance.command';
import { AdvanceAccepted, RequestAdvanceRequest } from './request-advance.dto';

@ApiTags('cases')
@Controller('cases/:caseId/advance')
export class RequestAdvanceController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records the request; the queue checks the gate and appends StageAdvanced, or
   * StageAdvanceRejected with the unmet conditions (see the case's lastAdvanceRejection).
   */
  @Post()
  @HttpCode(202)
  @Can('cases.advance')
  @ApiAcceptedResponse({ type: AdvanceAccepted })
  async request(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: RequestAdvanceRequest,
  ): Promise<AdvanceAccepted> {
    const { version } = await this.commands.execute(
      new RequestAdvanceCommand(caseId, { to: body.to }, actorOf(auth)),
    );
    return { requested: true, version };
  }
}
