import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { Timeline } from '../cases.dto';
import { ReadTimelineQuery } from './read-timeline.query';

/** A case's timeline: every event of its log, in Chinese, oldest first. */
@ApiTags('cases')
@Controller('cases/:caseId/events')
export class ReadTimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('CaseQueriesController_timeline')
  @Can('cases.timeline')
  @ApiOkResponse({ type: Timeline })
  timeline(@Param('caseId') caseId: string): Promise<Timeline> {
    return this.queries.execute(new ReadTimelineQuery(caseId));
  }
}
