import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { NotificationItem } from '../notifications.dto';
import { MarkReadCommand } from './mark-read.command';

@ApiTags('notifications')
@Controller('me/notifications')
export class MarkReadController {
  constructor(private readonly commands: CommandBus) {}

  @OperationId('InboxController_read')
  @Post(':notificationId/read')
  @HttpCode(200)
  @Can('notifications.mark-read')
  @ApiOkResponse({ type: NotificationItem, description: 'read (again: unchanged)' })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such notification, or someone else's" })
  read(
    @Auth() auth: RequestAuth,
    @Param('notificationId') notificationId: string,
  ): Promise<NotificationItem> {
    return this.commands.execute(new MarkReadCommand(auth.user.id, notificationId));
  }
}
