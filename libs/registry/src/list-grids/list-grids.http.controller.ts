import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OperationId } from '@yishi/platform';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { GridList } from '../grids.dto';
import { ListGridsQuery } from './list-grids.query';

@ApiTags('registry')
@Controller('communities/:communityId/grids')
export class ListGridsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('GridsController_list')
  @Can('grids.list')
  @ApiOkResponse({ type: GridList })
  async list(@Auth() auth: RequestAuth): Promise<GridList> {
    return { items: await this.queries.execute(new ListGridsQuery(communityOf(auth))) };
  }
}
