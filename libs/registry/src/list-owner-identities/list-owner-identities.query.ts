import { Query } from '@nestjs/cqrs';
import { type OwnerIdentityView } from '../bindings/binding-views';

/** The owners recorded for a unit, oldest first: ids and dates only. */
export class ListOwnerIdentitiesQuery extends Query<OwnerIdentityView[]> {
  constructor(
    readonly communityId: string,
    readonly unitId: string,
  ) {
    super();
  }
}
