import { Command } from '@nestjs/cqrs';
import { type CreatedWebhookSubscription } from '../webhooks/subscriptions';

/** Subscribes a URL to every notification of the community; the secret is returned only here. */
export class CreateWebhookCommand extends Command<CreatedWebhookSubscription> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly request: { readonly url: string; readonly secret?: string },
  ) {
    super();
  }
}
