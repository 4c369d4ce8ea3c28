import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { ForbiddenError, type Role } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import {
  createMembership,
  deleteMembership,
  listMemberships,
  updateMembership,
  type Membership,
} from '@yishi/registry';
import {
  CreateMembershipRequest,
  MemberList,
  MembersQuery,
  MemberView,
  UpdateMembershipRequest,
} from './registry.dto';
import { Auth, authorize, communityOf, type RequestAuth, ruleFor } from '@yishi/access';

const isSecretary = (m: { roles: readonly string[] }) => m.roles.includes('secretary');

@ApiTags('registry')
@Controller('communities/:communityId/memberships')
export class MembershipsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Giving or taking the secretary role is its own row of the permission table. */
  private maySetSecretary(auth: RequestAuth): boolean {
    return authorize(ruleFor('memberships.grant-secretary'), auth.caller);
  }

  @Get()
  @Can('memberships.list')
  @ApiOkResponse({ type: MemberList })
  list(@Auth() auth: RequestAuth, @Query() query: MembersQuery): Promise<MemberList> {
    return listMemberships(this.pool, communityOf(auth), {
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
      role: query.role as Role | undefined,
      withParty: query.withParty === 'true',
    });
  }

  @Post()
  @Can('memberships.create')
  @ApiCreatedResponse({ type: MemberView })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the user is already a member' })
  create(@Auth() auth: RequestAuth, @Body() body: CreateMembershipRequest): Promise<Membership> {
    if (body.roles.includes('secretary') && !this.maySetSecretary(auth))
      throw new ForbiddenError('只有平台管理员可以任命书记');
    return createMembership(this.pool, auth.user.id, communityOf(auth), body.userId, body);
  }

  @Patch(':userId')
  @Can('memberships.update')
  @ApiOkResponse({ type: MemberView })
  update(
    @Auth() auth: RequestAuth,
    @Param('userId') userId: string,
    @Body() body: UpdateMembershipRequest,
  ): Promise<Membership> {
    return updateMembership(
      this.pool,
      auth.user.id,
      communityOf(auth),
      userId,
      body,
      (before, after) =>
        isSecretary(before) === isSecretary(after) ? true : this.maySetSecretary(auth),
    );
  }

  @Delete(':userId')
  @HttpCode(204)
  @Can('memberships.delete')
  @ApiNoContentResponse({ description: 'removed' })
  async remove(@Auth() auth: RequestAuth, @Param('userId') userId: string): Promise<void> {
    await deleteMembership(this.pool, auth.user.id, communityOf(auth), userId, (before) =>
      isSecretary(before) ? this.maySetSecretary(auth) : true,
    );
  }
}
