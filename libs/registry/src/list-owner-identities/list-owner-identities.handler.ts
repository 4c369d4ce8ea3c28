import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type OwnerIdentityView } from '../bindings/binding-views';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { ListOwnerIdentitiesQuery } from './list-owner-identities.query';

@QueryHandler(ListOwnerIdentitiesQuery)
export class ListOwnerIdentitiesHandler implements IQueryHandler<
  ListOwnerIdentitiesQuery,
  OwnerIdentityView[]
> {
  constructor(private readonly identities: OwnerIdentitiesRepository) {}

  execute(m: ListOwnerIdentitiesQuery): Promise<OwnerIdentityView[]> {
    return this.identities.list(m.communityId, m.unitId);
  }
}
