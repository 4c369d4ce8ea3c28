import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LiveModule } from '@yishi/platform';
import { CreateWebhookHandler } from './create-webhook/create-webhook.handler';
import { CreateWebhookController } from './create-webhook/create-webhook.http.controller';
import { DeadLetterQueries } from './dead-letter.queries';
import { GridRobotRepository } from './grid-robot.repository';
import { DeleteWebhookHandler } from './delete-webhook/delete-webhook.handler';
import { DeleteWebhookController } from './delete-webhook/delete-webhook.http.controller';
import { InboxQueries } from './inbox.queries';
import { InboxRepository } from './inbox.repository';
import { ListDeadLettersHandler } from './list-dead-letters/list-dead-letters.handler';
import { ListDeadLettersController } from './list-dead-letters/list-dead-letters.http.controller';
import { ListInboxHandler } from './list-inbox/list-inbox.handler';
import { ListInboxController } from './list-inbox/list-inbox.http.controller';
import { ListWebhooksHandler } from './list-webhooks/list-webhooks.handler';
import { ListWebhooksController } from './list-webhooks/list-webhooks.http.controller';
import { MarkReadHandler } from './mark-read/mark-read.handler';
import { MarkReadController } from './mark-read/mark-read.http.controller';
import { StreamEventsHandler } from './stream-events/stream-events.handler';
import { StreamEventsController } from './stream-events/stream-events.http.controller';
import { TestGridRobotHandler } from './test-grid-robot/test-grid-robot.handler';
import { TestGridRobotController } from './test-grid-robot/test-grid-robot.http.controller';
import { WebhookSubscriptionRepository } from './webhook-subscription.repository';

/**
 * The HTTP side of notifications: the inbox, its live channel (SSE), webhook management, the
 * dead letters and the grid robots' test message. The worker side (fan-out flow, channel jobs) is NotificationDeliveryModule.
 */
@Module({
  imports: [CqrsModule, LiveModule],
  // In the contract's order: the inbox, its stream, the webhooks, the dead letters.
  controllers: [
    ListInboxController,
    MarkReadController,
    StreamEventsController,
    CreateWebhookController,
    ListWebhooksController,
    DeleteWebhookController,
    ListDeadLettersController,
    TestGridRobotController,
  ],
  providers: [
    InboxQueries,
    InboxRepository,
    WebhookSubscriptionRepository,
    DeadLetterQueries,
    ListInboxHandler,
    MarkReadHandler,
    StreamEventsHandler,
    CreateWebhookHandler,
    ListWebhooksHandler,
    DeleteWebhookHandler,
    ListDeadLettersHandler,
    GridRobotRepository,
    TestGridRobotHandler,
  ],
})
export class NotificationsModule {}
