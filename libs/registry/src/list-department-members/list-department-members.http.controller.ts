import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, departmentOf, type RequestAuth } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type DepartmentMemberView } from '../streets';
import { DepartmentMemberList } from '../streets.dto';
import { AdditiveOperation } from '../streets.openapi';
import { ListDepartmentMembersQuery } from './list-department-members.query';

@ApiTags('streets')
@Controller('departments/:departmentId/members')
export class ListDepartmentMembersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('DepartmentMembersController_list')
  @Can('department-members.list')
  @AdditiveOperation(
    'department-members.list',
    "The department's members with their role, dispatchers first: for the admin, the street's officers and the department's own members.",
  )
  @ApiOkResponse({ type: DepartmentMemberList })
  async list(@Auth() auth: RequestAuth): Promise<DepartmentMemberList> {
    const items: DepartmentMemberView[] = await this.queries.execute(
      new ListDepartmentMembersQuery(departmentOf(auth)),
    );
    return { items };
  }
}
