import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { markRead, type NotificationView } from './inbox';

/** The user's own changes to their inbox rows. */
@Injectable()
export class InboxRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** Read the first time; again unchanged; someone else's is NOT_FOUND, like a missing one. */
  markRead(userId: string, notificationId: string): Promise<NotificationView> {
    return markRead(this.pool, userId, notificationId);
  }
}
