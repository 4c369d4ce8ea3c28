import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { Can } from '@yishi/access';
import { type Stage } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { listCases, readCaseView, readTimeline } from '@yishi/cases';
import { CaseDetailView, CaseList, CaseListQuery, CaseVersionQuery, Timeline } from '../case.dto';

/** Reads of the case read models (async projections of the log). */
@ApiTags('cases')
@Controller()
export class CaseQueriesController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get('communities/:communityId/cases')
  @Can('cases.list')
  @ApiOkResponse({ type: CaseList })
  list(@Param('communityId') communityId: string, @Query() q: CaseListQuery): Promise<CaseList> {
    return listCases(this.pool, communityId, {
      stage: q.stage as Stage | undefined,
      status: q.status,
      limit: q.limit ?? 50,
      offset: q.offset ?? 0,
    });
  }

  @Get('cases/:caseId')
  @Can('cases.read')
  @ApiOkResponse({ type: CaseDetailView })
  read(@Param('caseId') caseId: string, @Query() q: CaseVersionQuery): Promise<CaseDetailView> {
    return readCaseView(this.pool, caseId, q.minVersion ?? 0);
  }

  @Get('cases/:caseId/events')
  @Can('cases.timeline')
  @ApiOkResponse({ type: Timeline })
  timeline(@Param('caseId') caseId: string): Promise<Timeline> {
    return readTimeline(this.pool, caseId);
  }
}
