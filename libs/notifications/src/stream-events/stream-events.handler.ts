import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';
import { InboxQueries } from '../inbox.queries';
import { StreamEventsQuery } from './stream-events.query';

/** The same rows as GET /me/notifications, so the stream and the page never disagree. */
@QueryHandler(StreamEventsQuery)
export class StreamEventsHandler implements IQueryHandler<StreamEventsQuery> {
  constructor(private readonly inbox: InboxQueries) {}

  async execute({
    userId,
    window,
  }: StreamEventsQuery): Promise<{ recent: NotificationView[]; unread: number }> {
    const [recent, unread] = await Promise.all([
      this.inbox.page(userId, { limit: window, offset: 0 }),
      this.inbox.page(userId, { unread: true, limit: 0, offset: 0 }),
    ]);
    return { recent: recent.items, unread: unread.total };
  }
}
