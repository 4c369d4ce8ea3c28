import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Can, NoIdempotency } from '@yishi/access';
import { type LoginResult } from '../access-tokens';
import { TokenResponse } from '../identity.dto';
import { LoginCommand } from './login.command';
import { TokenRequest } from './login.request.dto';

@ApiTags('auth')
@Controller('auth')
export class LoginHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('token')
  @HttpCode(200)
  @Can('auth.token')
  // Storing the answer would keep a copy of the access token; a repeated login writes nothing.
  @NoIdempotency()
  @ApiOperation({
    operationId: 'AuthController_token',
    summary: 'Log in with username and password',
    security: [],
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHENTICATED: wrong username or password, or the account is disabled',
  })
  @ApiTooManyRequestsResponse({
    description:
      'RATE_LIMITED: too many failures for the username or the address; the message says for how ' +
      'long, details.retryAfterSeconds and Retry-After in seconds',
  })
  token(@Body() body: TokenRequest, @Req() req: FastifyRequest): Promise<LoginResult> {
    return this.commands.execute(
      new LoginCommand(body.username, body.password, req.ip ?? 'unknown'),
    );
  }
}
