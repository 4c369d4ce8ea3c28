import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, departmentOf, type RequestAuth, streetOf } from '@yishi/access';
import { type WhistleListFilter } from '../whistle-queries';
import { WhistleListQuery, WhistleListResponse } from '../whistles.dto';
import { ListWhistlesQuery } from './list-whistles.query';

const filterOf = (q: WhistleListQuery): WhistleListFilter => ({
  status: q.status,
  demandId: q.demandId,
  caseId: q.caseId,
  limit: q.limit ?? 50,
  offset: q.offset ?? 0,
});

/**
 * The lists: a department's desk (待签收 first, then by deadline), a community's whistles (newest
 * first) and a street's open whistles of every community (by deadline). One controller, three
 * routes: the scope of each comes from its path.
 */
@ApiTags('whistles')
@Controller()
export class ListWhistlesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('departments/:departmentId/whistles')
  @Can('whistles.list-department')
  @ApiOkResponse({ type: WhistleListResponse })
  ofDepartment(
    @Auth() auth: RequestAuth,
    @Query() q: WhistleListQuery,
  ): Promise<WhistleListResponse> {
    return this.queries.execute(
      new ListWhistlesQuery({ departmentId: departmentOf(auth) }, filterOf(q)),
    );
  }

  @Get('communities/:communityId/whistles')
  @Can('whistles.list-community')
  @ApiOkResponse({ type: WhistleListResponse })
  ofCommunity(
    @Auth() auth: RequestAuth,
    @Query() q: WhistleListQuery,
  ): Promise<WhistleListResponse> {
    return this.queries.execute(
      new ListWhistlesQuery({ communityId: communityOf(auth) }, filterOf(q)),
    );
  }

  @Get('streets/:streetId/whistles')
  @Can('whistles.list-street')
  @ApiOkResponse({ type: WhistleListResponse })
  ofStreet(@Auth() auth: RequestAuth, @Query() q: WhistleListQuery): Promise<WhistleListResponse> {
    return this.queries.execute(new ListWhistlesQuery({ streetId: streetOf(auth) }, filterOf(q)));
  }
}
