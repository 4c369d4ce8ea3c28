import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { UnitBindingList, UnitBindingsQuery } from '../bindings/bindings.dto';
import { ListUnitBindingsQuery } from './list-unit-bindings.query';

/** A community's bindings, for the secretary. */
@ApiTags('bindings')
@Controller('communities/:communityId/unit-bindings')
export class ListUnitBindingsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('CommunityUnitBindingsController_list')
  @Can('bindings.list')
  @ApiOkResponse({ type: UnitBindingList })
  async list(
    @Auth() auth: RequestAuth,
    @Query() query: UnitBindingsQuery,
  ): Promise<UnitBindingList> {
    return {
      items: await this.queries.execute(
        new ListUnitBindingsQuery(communityOf(auth), {
          unitId: query.unitId,
          active: query.active,
        }),
      ),
    };
  }
}
