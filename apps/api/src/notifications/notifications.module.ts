import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { EventsController } from './events.controller';
import { InboxController } from './inbox.controller';
import { WebhookDeadLettersController, WebhooksController } from './webhooks.controller';

/** The API side of notifications: the inbox, its live channel (SSE), webhook management and the dead letters. */
@Module({
  imports: [LiveModule],
  controllers: [
    InboxController,
    EventsController,
    WebhooksController,
    WebhookDeadLettersController,
  ],
})
export class NotificationsModule {}
