import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { ListDeadLettersQuery } from './list-dead-letters.query';
import { DeadLetterQuery } from './list-dead-letters.request.dto';
import { DeadLetterPage } from './list-dead-letters.response.dto';

/** Deliveries that failed for good (a 4xx, or every retry used up), for the platform admin. */
@ApiTags('notifications')
@Controller('admin/webhook-dead-letters')
export class ListDeadLettersController {
  constructor(private readonly queries: QueryBus) {}

  @OperationId('WebhookDeadLettersController_list')
  @Get()
  @Can('webhooks.dead-letters')
  @ApiOkResponse({ type: DeadLetterPage })
  list(@Query() query: DeadLetterQuery): Promise<DeadLetterPage> {
    return this.queries.execute(
      new ListDeadLettersQuery({
        ...(query.communityId === undefined ? {} : { communityId: query.communityId }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      }),
    );
  }
}
