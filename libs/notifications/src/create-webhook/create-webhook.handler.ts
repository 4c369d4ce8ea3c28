import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookSubscriptionRepository } from '../webhook-subscription.repository';
import { type CreatedWebhookSubscription } from '../webhooks/subscriptions';
import { CreateWebhookCommand } from './create-webhook.command';

@CommandHandler(CreateWebhookCommand)
export class CreateWebhookHandler implements ICommandHandler<CreateWebhookCommand> {
  constructor(private readonly webhooks: WebhookSubscriptionRepository) {}

  execute({
    actorId,
    communityId,
    request,
  }: CreateWebhookCommand): Promise<CreatedWebhookSubscription> {
    return this.webhooks.create(actorId, communityId, request);
  }
}
