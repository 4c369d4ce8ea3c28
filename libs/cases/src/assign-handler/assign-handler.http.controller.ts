import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CaseWriteResponse } from '../cases.dto';
import { AssignHandlerCommand } from './assign-handler.command';
import { AssignHandlerRequest } from './assign-handler.request.dto';

/**
 * The secretary names the case's handler (经办人, a case worker: 社工, 两委委员), who then may do
 * what the secretary does on this case (the permission table's `case-handler`).
 */
@ApiTags('cases')
@Controller('cases/:caseId/handler')
export class AssignHandlerController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('AssignHandlerController_assign')
  @Can('cases.handler')
  @ApiCreatedResponse({ type: CaseWriteResponse })
  @ApiBadRequestResponse({
    description:
      "VALIDATION_FAILED: the user is neither a case worker nor a secretary of the case's community",
  })
  async assign(
    @Auth() auth: RequestAuth,
    @Param('caseId') caseId: string,
    @Body() body: AssignHandlerRequest,
  ): Promise<CaseWriteResponse> {
    const { version } = await this.commands.execute(
      new AssignHandlerCommand(caseId, communityOf(auth), body.userId, actorOf(auth)),
    );
    return { version };
  }
}
