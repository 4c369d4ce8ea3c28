import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { ListInboxQuery } from './list-inbox.query';
import { InboxQuery } from './list-inbox.request.dto';
import { NotificationPage } from './list-inbox.response.dto';

/** The caller's in-app inbox: one row per notification, newest first. */
@ApiTags('notifications')
@Controller('me/notifications')
export class ListInboxController {
  constructor(private readonly queries: QueryBus) {}

  @OperationId('InboxController_list')
  @Get()
  @Can('notifications.list')
  @ApiOkResponse({ type: NotificationPage })
  list(@Auth() auth: RequestAuth, @Query() query: InboxQuery): Promise<NotificationPage> {
    return this.queries.execute(
      new ListInboxQuery(auth.user.id, {
        unread: query.unread === true,
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      }),
    );
  }
}
