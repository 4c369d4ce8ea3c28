import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { seesAllBindingRequests } from '../bindings/binding-viewers';
import { BindingRequestList, BindingRequestsQuery } from '../bindings/bindings.dto';
import { ListBindingRequestsQuery } from './list-binding-requests.query';

@ApiTags('bindings')
@Controller('communities/:communityId/binding-requests')
export class ListBindingRequestsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('BindingRequestsController_list')
  @Can('binding-requests.list')
  @ApiOkResponse({ type: BindingRequestList })
  async list(
    @Auth() auth: RequestAuth,
    @Query() query: BindingRequestsQuery,
  ): Promise<BindingRequestList> {
    return {
      items: await this.queries.execute(
        new ListBindingRequestsQuery(communityOf(auth), auth.user.id, {
          all: seesAllBindingRequests(auth),
          status: query.status,
        }),
      ),
    };
  }
}
