import { Query } from '@nestjs/cqrs';
import { type DepartmentMemberView } from '../streets';

/** A department's members, dispatchers first. */
export class ListDepartmentMembersQuery extends Query<DepartmentMemberView[]> {
  constructor(readonly departmentId: string) {
    super();
  }
}
