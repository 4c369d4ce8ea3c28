import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can } from '@yishi/access';
import { PlaceTree } from '../registry.dto';
import { ListPlacesQuery } from './list-places.query';

@ApiTags('registry')
@Controller('communities/:communityId/units')
export class ListPlacesController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The places of the registry (estate → building → entrance) in one small answer, so a phone picks
   * a case's scope without paging through every unit (10,000 units: 100 pages of `GET …/units`).
   */
  @Get('places')
  @Can('units.list')
  @ApiOperation({
    operationId: 'UnitsController_places',
    summary: "the community's estates, buildings and entrances (with unit counts), as a tree",
    description:
      "Only places that hold registered units; names sorted as people count (2号楼 before 10号楼). For picking a scope (e.g. a case's).",
  })
  @ApiOkResponse({ type: PlaceTree })
  async places(@Param('communityId') communityId: string): Promise<PlaceTree> {
    return { items: await this.queries.execute(new ListPlacesQuery(communityId)) };
  }
}
