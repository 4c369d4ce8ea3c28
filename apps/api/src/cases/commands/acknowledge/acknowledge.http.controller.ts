import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ForbiddenError, STAGES, type Stage } from '@yishi/domain';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../../case.dto';
import { RunCaseCommand } from '../../run-case-command';

export class AcknowledgeRequest {
  @ApiProperty({ enum: STAGES, description: 'the stage being acknowledged: the current one' })
  @IsIn(STAGES)
  stage!: Stage;
}

@ApiTags('cases')
@Controller('cases/:caseId/acknowledgements')
export class AcknowledgeController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 签收: the caller's party acknowledges the stage. A repeat writes nothing and answers 409
   * ALREADY_ACKNOWLEDGED (本阶段已签收, with when), also for a stage the case has since left.
   */
  @Post()
  @Can('cases.acknowledge')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({
    description:
      'ALREADY_ACKNOWLEDGED: the party has acknowledged this stage already (details: stage, acknowledgedAt); WRONG_STAGE: not the current stage',
  })
  async acknowledge(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: AcknowledgeRequest,
  ): Promise<CaseWriteResponse> {
    const actor = actorOf(auth);
    if (actor.party === undefined) throw new ForbiddenError('只有参与议事的各方才能签收');
    const { version } = await this.commands.execute(
      new RunCaseCommand(
        caseId,
        { type: 'Acknowledge', data: { party: actor.party, stage: body.stage } },
        actor,
      ),
    );
    return { version };
  }
}
