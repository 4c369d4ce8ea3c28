import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WebhookSubscriptionRepository } from '../webhook-subscription.repository';
import { DeleteWebhookCommand } from './delete-webhook.command';

@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(private readonly webhooks: WebhookSubscriptionRepository) {}

  execute({ actorId, communityId, webhookId }: DeleteWebhookCommand): Promise<void> {
    return this.webhooks.delete(actorId, communityId, webhookId);
  }
}
