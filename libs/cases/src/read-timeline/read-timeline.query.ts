import { Query } from '@nestjs/cqrs';
import { type Timeline } from '../cases.dto';

/** A case's events in order, from the timeline read model. */
export class ReadTimelineQuery extends Query<Timeline> {
  constructor(readonly caseId: string) {
    super();
  }
}
