import { Query } from '@nestjs/cqrs';
import { type WebhookSubscriptionView } from '../webhooks/subscriptions';

/** The community's webhooks, oldest first; never their secrets. */
export class ListWebhooksQuery extends Query<WebhookSubscriptionView[]> {
  constructor(readonly communityId: string) {
    super();
  }
}
