import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type DepartmentView } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { ListDepartmentsQuery } from './list-departments.query';

@QueryHandler(ListDepartmentsQuery)
export class ListDepartmentsHandler implements IQueryHandler<
  ListDepartmentsQuery,
  DepartmentView[]
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: ListDepartmentsQuery): Promise<DepartmentView[]> {
    return this.streets.departments(m.streetId);
  }
}
