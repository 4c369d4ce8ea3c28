import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';
import { InboxQueries } from '../inbox.queries';
import { ListInboxQuery } from './list-inbox.query';

@QueryHandler(ListInboxQuery)
export class ListInboxHandler implements IQueryHandler<ListInboxQuery> {
  constructor(private readonly inbox: InboxQueries) {}

  execute({ userId, page }: ListInboxQuery): Promise<{ items: NotificationView[]; total: number }> {
    return this.inbox.page(userId, page);
  }
}
