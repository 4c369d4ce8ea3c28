import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Auth, Can, NoIdempotency, type RequestAuth } from '@yishi/access';
import { LogoutCommand } from './logout.command';

@ApiTags('auth')
@Controller('auth')
export class LogoutHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('logout')
  @HttpCode(204)
  @Can('auth.logout')
  // Nothing to replay: a second logout with the ended token is 401 before it runs.
  @NoIdempotency()
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'AuthController_logout',
    summary: 'Log out everywhere',
    description:
      'Ends every access token of the caller, on every device (this one included); log in again ' +
      'for a new one.',
  })
  @ApiNoContentResponse({ description: 'Every token of the caller has ended' })
  @ApiUnauthorizedResponse({ description: 'UNAUTHENTICATED: no valid token' })
  async logout(@Auth() auth: RequestAuth): Promise<void> {
    await this.commands.execute(new LogoutCommand(auth.user.id));
  }
}
