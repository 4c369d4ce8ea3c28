import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { type Stage } from '@yishi/domain';
import { CaseDetailView, CaseList, CaseListQuery, CaseVersionQuery, Timeline } from './cases.dto';
import { ListCasesQuery } from './list-cases/list-cases.query';
import { ReadCaseQuery } from './read-case/read-case.query';
import { ReadTimelineQuery } from './read-timeline/read-timeline.query';

/**
 * Reads of the case read models (async projections of the log). One controller for three use
 * cases: its name and methods are the OpenAPI operation ids the web's types are keyed by.
 */
@ApiTags('cases')
@Controller()
export class CaseQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get('communities/:communityId/cases')
  @Can('cases.list')
  @ApiOkResponse({ type: CaseList })
  list(@Param('communityId') communityId: string, @Query() q: CaseListQuery): Promise<CaseList> {
    return this.queries.execute(
      new ListCasesQuery(communityId, {
        stage: q.stage as Stage | undefined,
        status: q.status,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      }),
    );
  }

  @Get('cases/:caseId')
  @Can('cases.read')
  @ApiOkResponse({ type: CaseDetailView })
  read(@Param('caseId') caseId: string, @Query() q: CaseVersionQuery): Promise<CaseDetailView> {
    return this.queries.execute(new ReadCaseQuery(caseId, q.minVersion ?? 0));
  }

  @Get('cases/:caseId/events')
  @Can('cases.timeline')
  @ApiOkResponse({ type: Timeline })
  timeline(@Param('caseId') caseId: string): Promise<Timeline> {
    return this.queries.execute(new ReadTimelineQuery(caseId));
  }
}
