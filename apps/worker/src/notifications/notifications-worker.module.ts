import { Module } from '@nestjs/common';
import { NotificationFlows } from './notification-flows';
import { NotificationsProcessor } from './notifications.processor';

/** The worker side of notifications: the channel processors, and the flow producer to feed them. */
@Module({
  providers: [NotificationsProcessor, NotificationFlows],
  exports: [NotificationFlows],
})
export class NotificationsWorkerModule {}
