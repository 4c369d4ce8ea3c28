import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CommunityView } from '../registry.dto';
import { ReadCommunityQuery } from './read-community.query';

@ApiTags('registry')
@Controller('communities')
export class ReadCommunityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':communityId')
  @OperationId('CommunitiesController_read')
  @Can('communities.read')
  @ApiOkResponse({ type: CommunityView })
  read(@Param('communityId') communityId: string): Promise<CommunityView> {
    return this.queries.execute(new ReadCommunityQuery(communityId));
  }
}
