import { Query } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';

/** One look of the caller's event stream: the newest `window` rows and the unread count. */
export class StreamEventsQuery extends Query<{ recent: NotificationView[]; unread: number }> {
  constructor(
    readonly userId: string,
    readonly window: number,
  ) {
    super();
  }
}
