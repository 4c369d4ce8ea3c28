import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Auth, Can, NoIdempotency, type RequestAuth } from '@yishi/access';
import { type LoginResult } from '../access-tokens';
import { TokenResponse } from '../identity.dto';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordRequest } from './change-password.request.dto';

@ApiTags('auth')
@Controller('me')
export class ChangePasswordHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('password')
  @HttpCode(200)
  @Can('me.password')
  // The answer holds a new access token, which is never stored.
  @NoIdempotency()
  @ApiOperation({
    operationId: 'MeController_changePassword',
    summary: 'Change my password',
    description:
      'Checks the current password (failures count towards the login lock), applies the password ' +
      'rules to the new one, and ends every token issued before: every other device is signed ' +
      'out. The answer carries a new token for this one.',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: the current password is wrong (field currentPassword), or the new one ' +
      'is refused (field newPassword; the message says why)',
  })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid token' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many wrong current passwords' })
  changePassword(
    @Auth() auth: RequestAuth,
    @Body() body: ChangePasswordRequest,
    @Req() req: FastifyRequest,
  ): Promise<LoginResult> {
    return this.commands.execute(
      new ChangePasswordCommand(
        auth.user.id,
        body.currentPassword,
        body.newPassword,
        req.ip ?? 'unknown',
      ),
    );
  }
}
