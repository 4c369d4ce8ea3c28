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
import { DisableUserCommand } from './disable-user.command';

@ApiTags('auth')
@Controller('users')
export class DisableUserHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':userId/disable')
  @HttpCode(200)
  @Can('users.disable')
  @ApiOperation({
    operationId: 'UsersController_disable',
    summary: 'Disable an account',
    description:
      'The account can no longer log in and every token it holds ends at once. The admin may ' +
      'disable any account but an admin; a secretary, the accounts of members of a community ' +
      'where they are secretary. Nobody disables their own account.',
  })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an account the caller may disable' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such user' })
  disable(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<UserStatusResponse> {
    return this.commands.execute(
      new DisableUserCommand({ id: auth.user.id, admin: auth.user.admin }, userId),
    );
  }
}
