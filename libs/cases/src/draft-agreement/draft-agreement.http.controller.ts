import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type CaseOutcome } from '../case-repository';
import { DraftAgreementCommand } from './draft-agreement.command';
import { DraftAgreementRequest, DraftAgreementResponse } from './draft-agreement.request.dto';

/**
 * 矛盾调解: the case's mediator, or a secretary, drafts the agreement (调解协议). A new draft
 * replaces the last one and clears its signatures: every side signs again what it now reads.
 */
@ApiTags('cases')
@Controller('cases/:caseId/agreement')
export class DraftAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('AgreementController_draft')
  @Can('cases.agreement')
  @ApiCreatedResponse({ type: DraftAgreementResponse })
  async draft(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: DraftAgreementRequest,
  ): Promise<DraftAgreementResponse> {
    const { state, version }: CaseOutcome = await this.commands.execute(
      new DraftAgreementCommand(
        caseId,
        { text: body.text, bySecretary: auth.membership?.roles.includes('secretary') === true },
        actorOf(auth),
      ),
    );
    return { draft: state?.mediation?.agreement?.draft ?? 0, version };
  }
}
