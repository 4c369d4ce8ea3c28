import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { CreateWebhookCommand } from './create-webhook.command';
import { CreateWebhookRequest } from './create-webhook.request.dto';
import { CreatedWebhookView } from './create-webhook.response.dto';

/** A community's webhooks: every notification of the community, signed, to each active one. */
@ApiTags('notifications')
@Controller('communities/:communityId/webhooks')
export class CreateWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @OperationId('WebhooksController_create')
  @Post()
  @Can('webhooks.create')
  @ApiCreatedResponse({ type: CreatedWebhookView, description: 'the secret is shown only here' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the community has a webhook to this URL' })
  create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateWebhookRequest,
  ): Promise<CreatedWebhookView> {
    return this.commands.execute(new CreateWebhookCommand(auth.user.id, communityOf(auth), body));
  }
}
