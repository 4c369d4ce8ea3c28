import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CaseWriteResponse } from '../cases.dto';
import { ReopenCaseCommand } from './reopen-case.command';
import { ReopenCaseRequest } from './reopen-case.request.dto';

/** A closed case opened again, with the reason. */
@ApiTags('cases')
@Controller('cases/:caseId')
export class ReopenCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post('reopen')
  @HttpCode(200)
  @OperationId('CloseCaseController_reopen')
  @Can('cases.reopen')
  @ApiOkResponse({ type: CaseWriteResponse })
  async reopen(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: ReopenCaseRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new ReopenCaseCommand(caseId, { reason: body.reason }, actorOf(auth)),
    );
    return { version };
  }
}
