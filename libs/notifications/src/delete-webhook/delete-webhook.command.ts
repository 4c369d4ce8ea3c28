import { Command } from '@nestjs/cqrs';

/** Stops deliveries to a webhook; its history and dead letters stay readable. */
export class DeleteWebhookCommand extends Command<void> {
  constructor(
    readonly actorId: string,
    readonly communityId: string,
    readonly webhookId: string,
  ) {
    super();
  }
}
