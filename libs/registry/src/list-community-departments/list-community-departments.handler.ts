import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type DepartmentView, type StreetRef } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { ListCommunityDepartmentsQuery } from './list-community-departments.query';

@QueryHandler(ListCommunityDepartmentsQuery)
export class ListCommunityDepartmentsHandler implements IQueryHandler<
  ListCommunityDepartmentsQuery,
  { street: StreetRef | null; items: DepartmentView[] }
> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(
    m: ListCommunityDepartmentsQuery,
  ): Promise<{ street: StreetRef | null; items: DepartmentView[] }> {
    return this.streets.departmentsOfCommunity(m.communityId);
  }
}
