import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { UnitPage, UnitsQuery } from '../registry.dto';
import { ListUnitsQuery } from './list-units.query';

@ApiTags('registry')
@Controller('communities/:communityId/units')
export class ListUnitsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('UnitsController_list')
  @Can('units.list')
  @ApiOkResponse({ type: UnitPage })
  list(@Param('communityId') communityId: string, @Query() query: UnitsQuery): Promise<UnitPage> {
    return this.queries.execute(
      new ListUnitsQuery(communityId, {
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
        estate: query.estate,
        building: query.building,
      }),
    );
  }
}
