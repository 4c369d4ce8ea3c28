import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CaseQueries } from '../case.queries';
import { type Timeline } from '../cases.dto';
import { ReadTimelineQuery } from './read-timeline.query';

@QueryHandler(ReadTimelineQuery)
export class ReadTimelineHandler implements IQueryHandler<ReadTimelineQuery, Timeline> {
  constructor(private readonly cases: CaseQueries) {}

  execute({ caseId }: ReadTimelineQuery): Promise<Timeline> {
    return this.cases.timeline(caseId);
  }
}
