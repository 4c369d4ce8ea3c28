import { Query } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';

/** A page of the user's inbox, newest first; `unread`: only rows not read yet. */
export class ListInboxQuery extends Query<{ items: NotificationView[]; total: number }> {
  constructor(
    readonly userId: string,
    readonly page: { readonly unread: boolean; readonly limit: number; readonly offset: number },
  ) {
    super();
  }
}
