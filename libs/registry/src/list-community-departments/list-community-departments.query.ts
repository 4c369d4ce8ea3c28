import { Query } from '@nestjs/cqrs';
import { type DepartmentView, type StreetRef } from '../streets';

/** The departments of a community's street (none when it has no street). */
export class ListCommunityDepartmentsQuery extends Query<{
  street: StreetRef | null;
  items: DepartmentView[];
}> {
  constructor(readonly communityId: string) {
    super();
  }
}
