import { Query } from '@nestjs/cqrs';
import { type DeadLetterView } from '../webhooks/delivery';

/** Dead-lettered webhook deliveries, newest first; all communities unless one is named. */
export class ListDeadLettersQuery extends Query<{ items: DeadLetterView[]; total: number }> {
  constructor(
    readonly filter: {
      readonly communityId?: string;
      readonly limit: number;
      readonly offset: number;
    },
  ) {
    super();
  }
}
