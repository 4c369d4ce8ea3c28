import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Pool } from 'pg';
import { listInbox, markRead } from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { InboxQuery, NotificationItem, NotificationPage } from './notifications.dto';

/** The caller's in-app inbox: one row per notification, newest first. */
@ApiTags('notifications')
@Controller('me/notifications')
export class InboxController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Can('notifications.list')
  @ApiOkResponse({ type: NotificationPage })
  list(@Auth() auth: RequestAuth, @Query() query: InboxQuery): Promise<NotificationPage> {
    return listInbox(this.pool, auth.user.id, {
      unread: query.unread === true,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @Can('notifications.mark-read')
  @ApiOkResponse({ type: NotificationItem, description: 'read (again: unchanged)' })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such notification, or someone else's" })
  read(
    @Auth() auth: RequestAuth,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationItem> {
    return markRead(this.pool, auth.user.id, notificationId);
  }
}
