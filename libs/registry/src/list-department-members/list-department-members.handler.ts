import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type DepartmentMemberView } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { ListDepartmentMembersQuery } from './list-department-members.query';

@QueryHandler(ListDepartmentMembersQuery)
export class ListDepartmentMembersHandler implements IQueryHandler<
  ListDepartmentMembersQuery,
  DepartmentMemberView[]
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: ListDepartmentMembersQuery): Promise<DepartmentMemberView[]> {
    return this.streets.members(m.departmentId);
  }
}
