import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { OwnerIdentityList } from '../bindings/bindings.dto';
import { ListOwnerIdentitiesQuery } from './list-owner-identities.query';

@ApiTags('bindings')
@Controller('communities/:communityId/units/:unitId/owner-identities')
export class ListOwnerIdentitiesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('OwnerIdentitiesController_list')
  @Can('owner-identities.list')
  @ApiOkResponse({ type: OwnerIdentityList })
  async list(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
  ): Promise<OwnerIdentityList> {
    return {
      items: await this.queries.execute(new ListOwnerIdentitiesQuery(communityOf(auth), unitId)),
    };
  }
}
