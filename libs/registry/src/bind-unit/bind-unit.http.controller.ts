import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { BindUnitRequest, UnitBindingView } from '../bindings/bindings.dto';
import { BindUnitCommand } from './bind-unit.command';

@ApiTags('bindings')
@Controller('me/unit-bindings')
export class BindUnitController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @ApiOperation({
    operationId: 'MyUnitBindingsController_bind',
    summary: "bind myself to a unit by the owner's certificate and ID numbers",
  })
  @Can('bindings.bind')
  @ApiCreatedResponse({ type: UnitBindingView })
  @ApiResponse({
    status: 422,
    description: 'BINDING_MISMATCH: the numbers match no owner recorded for the unit (counted)',
  })
  @ApiTooManyRequestsResponse({
    description: 'RATE_LIMITED: too many failed matches for this account or unit; Retry-After',
  })
  bind(@Auth() auth: RequestAuth, @Body() body: BindUnitRequest): Promise<UnitBindingView> {
    return this.commands.execute(new BindUnitCommand(auth.user.id, body));
  }
}
