import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { type Stage } from '@yishi/domain';
import { OperationId } from '@yishi/platform';
import { CaseList, CaseListQuery } from '../cases.dto';
import { ListCasesQuery } from './list-cases.query';

/** A community's cases from the read model, newest first, by stage, status and handler (`me`). */
@ApiTags('cases')
@Controller('communities/:communityId/cases')
export class ListCasesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('CaseQueriesController_list')
  @Can('cases.list')
  @ApiOkResponse({ type: CaseList })
  list(
    @Auth() auth: RequestAuth,
    @Param('communityId') communityId: string,
    @Query() q: CaseListQuery,
  ): Promise<CaseList> {
    return this.queries.execute(
      new ListCasesQuery(communityId, {
        stage: q.stage as Stage | undefined,
        status: q.status,
        handlerId: q.handler?.toLowerCase() === 'me' ? auth.user.id : q.handler?.toLowerCase(),
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      }),
    );
  }
}
