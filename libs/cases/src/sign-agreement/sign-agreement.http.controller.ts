import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type CaseOutcome } from '../case-repository';
import { SignAgreementCommand } from './sign-agreement.command';
import { SignAgreementRequest, SignAgreementResponse } from './sign-agreement.request.dto';

/**
 * 矛盾调解: a person of one side signs the agreement for that side, in the app. Anyone else is
 * refused (403); when the last side signs, the case closes resolved (调解成功).
 */
@ApiTags('cases')
@Controller('cases/:caseId/agreement/signatures')
export class SignAgreementController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('AgreementController_sign')
  @Can('cases.sign-agreement')
  @ApiCreatedResponse({ type: SignAgreementResponse })
  async sign(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: SignAgreementRequest,
  ): Promise<SignAgreementResponse> {
    const { state, version, events }: CaseOutcome = await this.commands.execute(
      new SignAgreementCommand(caseId, { draft: body.draft }, actorOf(auth)),
    );
    const signed = events.find((e) => e.type === 'AgreementSigned');
    return {
      unitId: signed?.type === 'AgreementSigned' ? signed.data.unitId : '',
      status: state?.status ?? 'open',
      version,
    };
  }
}
