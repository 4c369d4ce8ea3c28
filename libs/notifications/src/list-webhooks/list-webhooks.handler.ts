import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WebhookSubscriptionRepository } from '../webhook-subscription.repository';
import { type WebhookSubscriptionView } from '../webhooks/subscriptions';
import { ListWebhooksQuery } from './list-webhooks.query';

@QueryHandler(ListWebhooksQuery)
export class ListWebhooksHandler implements IQueryHandler<ListWebhooksQuery> {
  constructor(private readonly webhooks: WebhookSubscriptionRepository) {}

  execute({ communityId }: ListWebhooksQuery): Promise<WebhookSubscriptionView[]> {
    return this.webhooks.list(communityId);
  }
}
