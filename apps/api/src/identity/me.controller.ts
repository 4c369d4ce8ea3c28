import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { type Pool } from 'pg';
import { inTransaction } from '@yishi/database';
import { Authenticator, type LoginResult } from '@yishi/identity';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { membershipsOf, recordAudit } from '@yishi/registry';
import { Auth, Can, NoIdempotency, type RequestAuth } from '@yishi/access';
import { ChangePasswordRequest, MeResponse, TokenResponse } from './identity.dto';

@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly authenticator: Authenticator,
  ) {}

  @Get()
  @Can('me.read')
  @ApiOperation({ summary: 'My account and memberships' })
  @ApiOkResponse({ type: MeResponse })
  async me(@Auth() auth: RequestAuth): Promise<MeResponse> {
    const { id, username, displayName, admin } = auth.user;
    const memberships = await membershipsOf(this.pool, id);
    return {
      id,
      username,
      displayName,
      admin,
      memberships: memberships.map((m) => ({
        communityId: m.communityId,
        communityName: m.communityName,
        roles: m.roles,
        party: m.party,
        unitIds: m.unitIds,
      })),
      // So the app can refuse an oversize file before uploading it (issue 19).
      limits: { uploadMaxBytes: this.runtime.config.evidenceMaxBytes },
    };
  }

  @Post('password')
  @HttpCode(200)
  @Can('me.password')
  // The answer holds a new access token, which is never stored.
  @NoIdempotency()
  @ApiOperation({
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
  async changePassword(
    @Auth() auth: RequestAuth,
    @Body() body: ChangePasswordRequest,
    @Req() req: FastifyRequest,
  ): Promise<LoginResult> {
    const result = await this.authenticator.changePassword(
      auth.user.id,
      body.currentPassword,
      body.newPassword,
      req.ip ?? 'unknown',
    );
    await inTransaction(this.pool, (db) =>
      recordAudit(db, {
        communityId: null,
        actorId: auth.user.id,
        action: 'user.password-changed',
        entity: 'user',
        entityId: auth.user.id,
        data: {},
      }),
    );
    return result;
  }
}
