import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DeadLetterQueries } from '../dead-letter.queries';
import { type DeadLetterView } from '../webhooks/delivery';
import { ListDeadLettersQuery } from './list-dead-letters.query';

@QueryHandler(ListDeadLettersQuery)
export class ListDeadLettersHandler implements IQueryHandler<ListDeadLettersQuery> {
  constructor(private readonly deadLetters: DeadLetterQueries) {}

  execute({ filter }: ListDeadLettersQuery): Promise<{ items: DeadLetterView[]; total: number }> {
    return this.deadLetters.page(filter);
  }
}
