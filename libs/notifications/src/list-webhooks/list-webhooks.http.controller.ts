import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { ListWebhooksQuery } from './list-webhooks.query';
import { WebhookList } from './list-webhooks.response.dto';

@ApiTags('notifications')
@Controller('communities/:communityId/webhooks')
export class ListWebhooksController {
  constructor(private readonly queries: QueryBus) {}

  @OperationId('WebhooksController_list')
  @Get()
  @Can('webhooks.list')
  @ApiOkResponse({ type: WebhookList })
  async list(@Auth() auth: RequestAuth): Promise<WebhookList> {
    return { items: await this.queries.execute(new ListWebhooksQuery(communityOf(auth))) };
  }
}
