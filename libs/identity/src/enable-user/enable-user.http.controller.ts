import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { UserStatusResponse } from '../identity.dto';
import { EnableUserCommand } from './enable-user.command';

@ApiTags('auth')
@Controller('users')
export class EnableUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':userId/enable')
  @HttpCode(200)
  @Can('users.disable')
  @ApiOperation({
    operationId: 'UsersController_enable',
    summary: 'Enable a disabled account',
    description: 'It may log in again; the tokens it held before it was disabled stay ended.',
  })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an account the caller may enable' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such user' })
  enable(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<UserStatusResponse> {
    return this.commands.execute(
      new EnableUserCommand({ id: auth.user.id, admin: auth.user.admin }, userId),
    );
  }
}
