import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { inTransaction } from '@yishi/database';
import { hashPassword, insertUser } from '@yishi/identity';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '@yishi/registry';
import { Auth, type RequestAuth } from '../access/request-auth';
import { CreateUserRequest, UserSummary } from './identity.dto';

@ApiTags('auth')
@Controller('users')
export class UsersController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @Can('users.create')
  @ApiCreatedResponse({ type: UserSummary })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the username is taken' })
  async create(@Auth() auth: RequestAuth, @Body() body: CreateUserRequest): Promise<UserSummary> {
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
}
