import { Module } from '@nestjs/common';
import { InboxController } from './inbox.controller';
import { WebhookDeadLettersController, WebhooksController } from './webhooks.controller';

/** The API side of notifications: the inbox, webhook management and the dead letters. */
@Module({
  controllers: [InboxController, WebhooksController, WebhookDeadLettersController],
})
export class NotificationsModule {}
