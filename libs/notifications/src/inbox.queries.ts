import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { listInbox, type InboxPageOptions, type NotificationView } from './inbox';

/** Reads of the inbox for the HTTP side (the worker writes it: inbox.ts). */
@Injectable()
export class InboxQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /** The user's notifications, newest first. */
  page(
    userId: string,
    options: InboxPageOptions,
  ): Promise<{ items: NotificationView[]; total: number }> {
    return listInbox(this.pool, userId, options);
  }
}
