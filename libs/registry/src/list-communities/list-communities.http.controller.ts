import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CommunityList } from '../registry.dto';
import { ListCommunitiesQuery } from './list-communities.query';

@ApiTags('registry')
@Controller('communities')
export class ListCommunitiesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('CommunitiesController_list')
  @Can('communities.list')
  @ApiOkResponse({ type: CommunityList })
  async list(@Auth() auth: RequestAuth): Promise<CommunityList> {
    return { items: await this.queries.execute(new ListCommunitiesQuery(auth.user)) };
  }
}
