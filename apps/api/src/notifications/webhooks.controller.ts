import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { type Pool } from 'pg';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  listDeadLetters,
  listWebhookSubscriptions,
} from '@yishi/notifications';
import { PG_POOL } from '@yishi/platform';
import {
  CreatedWebhookView,
  CreateWebhookRequest,
  DeadLetterPage,
  DeadLetterQuery,
  WebhookList,
} from './notifications.dto';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';

/** A community's webhooks: every notification of the community, signed, to each active one. */
@ApiTags('notifications')
@Controller('communities/:communityId/webhooks')
export class WebhooksController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @Can('webhooks.create')
  @ApiCreatedResponse({ type: CreatedWebhookView, description: 'the secret is shown only here' })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: the community has a webhook to this URL' })
  create(
    @Auth() auth: RequestAuth,
    @Body() body: CreateWebhookRequest,
  ): Promise<CreatedWebhookView> {
    return createWebhookSubscription(this.pool, auth.user.id, communityOf(auth), body);
  }

  @Get()
  @Can('webhooks.list')
  @ApiOkResponse({ type: WebhookList })
  async list(@Auth() auth: RequestAuth): Promise<WebhookList> {
    return { items: await listWebhookSubscriptions(this.pool, communityOf(auth)) };
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @Can('webhooks.delete')
  @ApiNoContentResponse({ description: 'no more deliveries; its history and dead letters stay' })
  @ApiNotFoundResponse({ description: 'NOT_FOUND: no such webhook in this community' })
  async remove(@Auth() auth: RequestAuth, @Param('webhookId') webhookId: string): Promise<void> {
    await deleteWebhookSubscription(this.pool, auth.user.id, communityOf(auth), webhookId);
  }
}

/** Deliveries that failed for good (a 4xx, or every retry used up), for the platform admin. */
@ApiTags('notifications')
@Controller('admin/webhook-dead-letters')
export class WebhookDeadLettersController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Get()
  @Can('webhooks.dead-letters')
  @ApiOkResponse({ type: DeadLetterPage })
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPage> {
    return listDeadLetters(this.pool, {
      ...(query.communityId === undefined ? {} : { communityId: query.communityId }),
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
  }
}
