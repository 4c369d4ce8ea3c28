import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Authenticator, type LoginResult } from '@yishi/identity';
import { Auth, Can, NoIdempotency, type RequestAuth } from '@yishi/access';
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
  @ApiOperation({ summary: 'Log in with username and password', security: [] })
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
    return this.authenticator.login(body.username, body.password, req.ip ?? 'unknown');
  }

  @Post('logout')
  @HttpCode(204)
  @Can('auth.logout')
  // Nothing to replay: a second logout with the ended token is 401 before it runs.
  @NoIdempotency()
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Log out everywhere',
    description:
      'Ends every access token of the caller, on every device (this one included); log in again ' +
      'for a new one.',
  })
  @ApiNoContentResponse({ description: 'Every token of the caller has ended' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid token' })
  async logout(@Auth() auth: RequestAuth): Promise<void> {
    await this.authenticator.logout(auth.user.id);
  }
}
