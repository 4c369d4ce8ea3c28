import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CaseWriteResponse } from '../cases.dto';
import { CloseCaseCommand } from './close-case.command';
import { CloseCaseRequest } from './close-case.request.dto';

/** The secretary closes a case (销号) with its outcome. */
@ApiTags('cases')
@Controller('cases/:caseId')
export class CloseCaseController {
  constructor(private readonly commands: CommandBus) {}

  @Post('close')
  @HttpCode(200)
  @OperationId('CloseCaseController_close')
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
}
