import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { type AdvanceTarget } from '@yishi/domain';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { RunCaseCommand } from '../../run-case-command';

const TARGETS = ['analysis', 'deliberation', 'follow-up', 'closed'] as const;

export class RequestAdvanceRequest {
  @ApiProperty({ enum: TARGETS, description: 'the next stage (closed: end follow-up)' })
  @IsIn(TARGETS)
  to!: AdvanceTarget;
}

export class AdvanceAccepted {
  @ApiProperty({ example: true }) requested!: boolean;
  @ApiProperty() version!: number;
}

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
      new RunCaseCommand(caseId, { type: 'RequestAdvance', data: { to: body.to } }, actorOf(auth)),
    );
    return { requested: true, version };
  }
}
