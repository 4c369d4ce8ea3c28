import { Query } from '@nestjs/cqrs';
import { type GridView } from '../grids';

export class ListGridsQuery extends Query<GridView[]> {
  constructor(readonly communityId: string) {
    super();
  }
}
