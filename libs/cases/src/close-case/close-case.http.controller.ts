import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { CaseWriteResponse } from '../cases.dto';
import { ReopenCaseCommand } from '../reopen-case/reopen-case.command';
import { ReopenCaseRequest } from '../reopen-case/reopen-case.request.dto';
import { CloseCaseCommand } from './close-case.command';
import { CloseCaseRequest } from './close-case.request.dto';

/** Close and reopen share a controller: its name and methods are the OpenAPI operation ids. */
@ApiTags('cases')
@Controller('cases/:caseId')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post('close')
  @HttpCode(200)
  @Can('cases.close')
  @ApiOkResponse({ type: CaseWriteResponse })
  async close(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: CloseCaseRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new CloseCaseCommand(
        caseId,
        { outcome: body.outcome, reason: body.reason ?? null },
        actorOf(auth),
      ),
    );
    return { version };
  }

  @Post('reopen')
  @HttpCode(200)
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
