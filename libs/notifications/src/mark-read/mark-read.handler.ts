import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';
import { InboxRepository } from '../inbox.repository';
import { MarkReadCommand } from './mark-read.command';

@CommandHandler(MarkReadCommand)
export class MarkReadHandler implements ICommandHandler<MarkReadCommand> {
  constructor(private readonly inbox: InboxRepository) {}

  execute({ userId, notificationId }: MarkReadCommand): Promise<NotificationView> {
    return this.inbox.markRead(userId, notificationId);
  }
}
