import { Query } from '@nestjs/cqrs';
import { type Publication } from './publication';

/** The publication (公示) of a vote's result, preliminary or final. */
export class PublicationQuery extends Query<Publication> {
  constructor(readonly resolutionId: string) {
    super();
  }
}
