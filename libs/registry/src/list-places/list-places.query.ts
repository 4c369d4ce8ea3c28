import { Query } from '@nestjs/cqrs';
import { type EstatePlace } from '../units';

/** The community's estates, buildings and entrances that hold units, as a tree. */
export class ListPlacesQuery extends Query<EstatePlace[]> {
  constructor(readonly communityId: string) {
    super();
  }
}
