import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { createCommunity, findCommunity, listCommunities } from '@yishi/registry';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { CommunityList, CommunityView, CreateCommunityRequest } from './registry.dto';

@ApiTags('registry')
@Controller('communities')
export class CommunitiesController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @Can('communities.create')
  @ApiCreatedResponse({ type: CommunityView })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: same name, street and district' })
  create(@Auth() auth: RequestAuth, @Body() body: CreateCommunityRequest): Promise<CommunityView> {
    return createCommunity(this.pool, auth.user.id, body);
  }

  @Get()
  @Can('communities.list')
  @ApiOkResponse({ type: CommunityList })
  async list(@Auth() auth: RequestAuth): Promise<CommunityList> {
    return { items: await listCommunities(this.pool, auth.user) };
  }

  @Get(':communityId')
  @Can('communities.read')
  @ApiOkResponse({ type: CommunityView })
  read(@Param('communityId') communityId: string): Promise<CommunityView> {
    return findCommunity(this.pool, communityId);
  }
}
