import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listWebhookSubscriptions,
  type CreatedWebhookSubscription,
  type WebhookSubscriptionView,
} from './webhooks/subscriptions';

/** A community's webhook subscriptions (each change audited in the same transaction). */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  create(
    actorId: string,
    communityId: string,
    request: { url: string; secret?: string },
  ): Promise<CreatedWebhookSubscription> {
    return createWebhookSubscription(this.pool, actorId, communityId, request);
  }

  list(communityId: string): Promise<WebhookSubscriptionView[]> {
    return listWebhookSubscriptions(this.pool, communityId);
  }

  delete(actorId: string, communityId: string, webhookId: string): Promise<void> {
    return deleteWebhookSubscription(this.pool, actorId, communityId, webhookId);
  }
}
