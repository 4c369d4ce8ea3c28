import { Command } from '@nestjs/cqrs';
import { type NotificationView } from '../inbox';

/** Marks one of the caller's notifications read (again: unchanged). */
export class MarkReadCommand extends Command<NotificationView> {
  constructor(
    readonly userId: string,
    readonly notificationId: string,
  ) {
    super();
  }
}
