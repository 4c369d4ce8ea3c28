import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type Role } from '@yishi/domain';
import { MemberList, MembersQuery } from '../registry.dto';
import { ListMembershipsQuery } from './list-memberships.query';

@ApiTags('registry')
@Controller('communities/:communityId/memberships')
export class ListMembershipsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('MembershipsController_list')
  @Can('memberships.list')
  @ApiOkResponse({ type: MemberList })
  list(@Auth() auth: RequestAuth, @Query() query: MembersQuery): Promise<MemberList> {
    return this.queries.execute(
      new ListMembershipsQuery(communityOf(auth), {
        limit: query.limit ?? 100,
        offset: query.offset ?? 0,
        role: query.role as Role | undefined,
        withParty: query.withParty === 'true',
      }),
    );
  }
}
