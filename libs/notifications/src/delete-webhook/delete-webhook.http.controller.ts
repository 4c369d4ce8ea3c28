import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { DeleteWebhookCommand } from './delete-webhook.command';

@ApiTags('notifications')
@Controller('communities/:communityId/webhooks')
export class DeleteWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @OperationId('WebhooksController_remove')
  @Delete(':webhookId')
  @HttpCode(204)
  @Can('webhooks.delete')
  @ApiNoContentResponse({ description: 'no more deliveries; its history and dead letters stay' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such webhook in this community' })
  async remove(@Auth() auth: RequestAuth, @Param('webhookId') webhookId: string): Promise<void> {
    await this.commands.execute(
      new DeleteWebhookCommand(auth.user.id, communityOf(auth), webhookId),
    );
  }
}
