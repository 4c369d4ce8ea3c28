import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { OperationId } from '@yishi/platform';
import { type DepartmentView } from '../streets';
import { DepartmentList } from '../streets.dto';
import { AdditiveOperation } from '../streets.openapi';
import { ListDepartmentsQuery } from './list-departments.query';

@ApiTags('streets')
@Controller('streets/:streetId/departments')
export class ListDepartmentsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @OperationId('DepartmentsController_list')
  @Can('departments.list')
  @AdditiveOperation(
    'departments.list',
    "The street's departments, its office (街道办) first, with how many members each has.",
  )
  @ApiOkResponse({ type: DepartmentList })
  async list(@Auth() auth: RequestAuth): Promise<DepartmentList> {
    const items: DepartmentView[] = await this.queries.execute(
      new ListDepartmentsQuery(streetOf(auth)),
    );
    return { items };
  }
}
