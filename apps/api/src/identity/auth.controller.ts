import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Can } from '@yishi/access';
import { Authenticator, type LoginResult } from '@yishi/identity';
import { NoIdempotency } from '../write-guards/write-guards.decorators';
import { TokenRequest, TokenResponse } from './identity.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly authenticator: Authenticator) {}

  @Post('token')
  @HttpCode(200)
  @Can('auth.token')
  // Storing the answer would keep a copy of the access token; a repeated login writes nothing.
  @NoIdempotency()
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: wrong username or password' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED: too many failures; see Retry-After' })
  token(@Body() body: TokenRequest, @Req() req: FastifyRequest): Promise<LoginResult> {
    return this.authenticator.login(body.username, body.password, req.ip ?? 'unknown');
  }
}
