import { Query } from '@nestjs/cqrs';
import { type DepartmentView } from '../streets';

/** A street's departments, its office first. */
export class ListDepartmentsQuery extends Query<DepartmentView[]> {
  constructor(readonly streetId: string) {
    super();
  }
}
