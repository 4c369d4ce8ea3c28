import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { BindingDecisionView, DecisionRequest } from '../bindings/bindings.dto';
import { ReviewBindingRequestCommand } from './review-binding-request.command';

@ApiTags('bindings')
@Controller('communities/:communityId/binding-requests')
export class ReviewBindingRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':requestId/approve')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'BindingRequestsController_approve',
    summary: 'approve a binding request (binds the resident)',
  })
  @Can('binding-requests.decide')
  @ApiOkResponse({ type: BindingDecisionView })
  approve(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
  ): Promise<BindingDecisionView> {
    return this.commands.execute(
      new ReviewBindingRequestCommand(
        communityOf(auth),
        auth.user.id,
        requestId,
        'approve',
        body.reason,
      ),
    );
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'BindingRequestsController_reject',
    summary: 'reject a binding request, with a reason',
  })
  @Can('binding-requests.decide')
  @ApiOkResponse({ type: BindingDecisionView })
  reject(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
  ): Promise<BindingDecisionView> {
    return this.commands.execute(
      new ReviewBindingRequestCommand(
        communityOf(auth),
        auth.user.id,
        requestId,
        'reject',
        body.reason,
      ),
    );
  }
}
