import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { UnbindRequest, UnitBindingView } from '../bindings/bindings.dto';
import { UnbindUnitCommand } from './unbind-unit.command';

/** The bound resident ends their own binding (someone else's is not found). */
@ApiTags('bindings')
@Controller('me/unit-bindings')
export class UnbindMyUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':bindingId/unbind')
  @HttpCode(200)
  @OperationId('MyUnitBindingsController_unbind')
  @Can('bindings.unbind-mine')
  @ApiOkResponse({ type: UnitBindingView })
  unbind(
    @Auth() auth: RequestAuth,
    @Param('bindingId') bindingId: string,
  ): Promise<UnitBindingView> {
    return this.commands.execute(new UnbindUnitCommand(auth.user.id, bindingId, { self: true }));
  }
}

/** The secretary ends a binding of their community, with a reason. */
@ApiTags('bindings')
@Controller('communities/:communityId/unit-bindings')
export class UnbindUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':bindingId/unbind')
  @HttpCode(200)
  @OperationId('CommunityUnitBindingsController_unbind')
  @Can('bindings.unbind')
  @ApiOkResponse({ type: UnitBindingView })
  unbind(
    @Auth() auth: RequestAuth,
    @Param('bindingId') bindingId: string,
    @Body() body: UnbindRequest,
  ): Promise<UnitBindingView> {
    return this.commands.execute(
      new UnbindUnitCommand(auth.user.id, bindingId, {
        communityId: communityOf(auth),
        reason: body.reason,
      }),
    );
  }
}
