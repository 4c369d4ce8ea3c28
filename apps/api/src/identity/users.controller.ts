import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Pool, type PoolClient } from 'pg';
import { inTransaction } from '@yishi/database';
import { ForbiddenError, NotFoundError, ValidationError } from '@yishi/domain';
import { hashPassword, insertUser, passwordProblem, setDisabled } from '@yishi/identity';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '@yishi/registry';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { CreateUserRequest, UserStatusResponse, UserSummary } from './identity.dto';

@ApiTags('auth')
@Controller('users')
export class UsersController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @Can('users.create')
  @ApiOperation({ summary: 'Create an account' })
  @ApiCreatedResponse({ type: UserSummary })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: a field is invalid, or the password is refused (too short, contains the ' +
      'username or display name, or common; the message says why)',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the username is taken' })
  async create(@Auth() auth: RequestAuth, @Body() body: CreateUserRequest): Promise<UserSummary> {
    const problem = passwordProblem(body.password, body);
    if (problem !== undefined)
      throw new ValidationError(problem, { fields: [{ field: 'password', problems: [problem] }] });
    const passwordHash = await hashPassword(body.password);
    const user = await inTransaction(this.pool, async (db) => {
      const created = await insertUser(db, { ...body, passwordHash });
      await recordAudit(db, {
        communityId: null,
        actorId: auth.user.id,
        action: 'user.created',
        entity: 'user',
        entityId: created.id,
        data: { username: created.username, displayName: created.displayName },
      });
      return created;
    });
    return { id: user.id, username: user.username, displayName: user.displayName };
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @Can('users.disable')
  @ApiOperation({
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
    return this.setDisabled(auth, userId, true);
  }

  @Post(':userId/enable')
  @HttpCode(200)
  @Can('users.disable')
  @ApiOperation({
    summary: 'Enable a disabled account',
    description: 'It may log in again; the tokens it held before it was disabled stay ended.',
  })
  @ApiOkResponse({ type: UserStatusResponse })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: not an account the caller may enable' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such user' })
  enable(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<UserStatusResponse> {
    return this.setDisabled(auth, userId, false);
  }

  private setDisabled(
    auth: RequestAuth,
    userId: string,
    disabled: boolean,
  ): Promise<UserStatusResponse> {
    return inTransaction(this.pool, async (db) => {
      const target = await this.target(db, auth, userId);
      const changed = await setDisabled(db, userId, disabled);
      if (changed === true)
        await recordAudit(db, {
          communityId: null,
          actorId: auth.user.id,
          action: disabled ? 'user.disabled' : 'user.enabled',
          entity: 'user',
          entityId: userId,
          data: { username: target.username },
        });
      return { ...target, disabled };
    });
  }

  /** The account, if the caller may disable or enable it (see `disable`). */
  private async target(
    db: PoolClient,
    auth: RequestAuth,
    userId: string,
  ): Promise<{ id: string; username: string; displayName: string }> {
    const { rows } = await db.query<{
      id: string;
      username: string;
      display_name: string;
      is_admin: boolean;
      managed: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.is_admin,
              EXISTS (SELECT 1 FROM memberships s JOIN memberships m USING (community_id)
                       WHERE s.user_id = $2 AND 'secretary' = ANY (s.roles)
                         AND m.user_id = u.id) AS managed
         FROM users u WHERE u.id = $1`,
      [userId, auth.user.id],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundError('找不到该用户', { userId });
    if (row.id === auth.user.id) throw new ForbiddenError('不能停用或启用自己的账号', { userId });
    if (row.is_admin) throw new ForbiddenError('不能停用或启用平台管理员的账号', { userId });
    if (!auth.user.admin && !row.managed)
      throw new ForbiddenError('只能停用或启用您担任书记的社区成员的账号', { userId });
    return { id: row.id, username: row.username, displayName: row.display_name };
  }
}
