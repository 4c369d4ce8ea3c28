import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { AcknowledgeCommand } from './acknowledge.command';
import { AcknowledgeRequest } from './acknowledge.request.dto';

/** The estates the caller acknowledges within: a party member's scope; a secretary's is the community. */
function ackEstates(auth: RequestAuth): readonly string[] {
  const m = auth.membership;
  return m === undefined || m.roles.includes('secretary') ? [] : (m.estates ?? []);
}

@ApiTags('cases')
@Controller('cases/:caseId/acknowledgements')
export class AcknowledgeController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 签收: the caller's party acknowledges the stage. A repeat writes nothing and answers 409
   * ALREADY_ACKNOWLEDGED (本阶段已签收, with when), also for a stage the case has since left. A
   * party member scoped to estates is refused (403) a case outside them; a secretary never is.
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
    const { version } = await this.commands.execute(
      new AcknowledgeCommand(caseId, body.stage, actorOf(auth), ackEstates(auth)),
    );
    return { version };
  }
}
