import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { CommunityDepartments } from '../streets.dto';
import { AdditiveOperation } from '../streets.openapi';
import { ListCommunityDepartmentsQuery } from './list-community-departments.query';

@ApiTags('streets')
@Controller('communities/:communityId/departments')
export class ListCommunityDepartmentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('DepartmentsController_ofCommunity')
  @Can('departments.of-community')
  @AdditiveOperation(
    'departments.of-community',
    "The community's street and its departments, the office first: whom a whistle (吹哨) may name. A community with no street has none.",
  )
  @ApiOkResponse({ type: CommunityDepartments })
  list(@Auth() auth: RequestAuth): Promise<CommunityDepartments> {
    return this.queries.execute(new ListCommunityDepartmentsQuery(communityOf(auth)));
  }
}
