import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { RateEscalationCommand } from './rate-escalation.command';
import { RateEscalationRequest } from './rate-escalation.request.dto';

@ApiTags('cases')
@Controller('cases/:caseId/escalations/:escalation')
export class RateEscalationController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * 一哨一评: the secretary rates how the party answered an escalation (吹哨), once; also after the
   * case closed. The ids are in the case view's `escalations`.
   */
  @Post('rating')
  @Can('cases.rate-escalation')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: this escalation is rated already' })
  async rate(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Param('escalation') escalationId: string,
    @Body() body: RateEscalationRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new RateEscalationCommand(
        caseId,
        { escalationId, rating: body.rating, comment: body.comment ?? null },
        actorOf(auth),
      ),
    );
    return { version };
  }
}
