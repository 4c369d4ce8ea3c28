import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type GridView } from '../grids';
import { GridsRepository } from '../grids.repository';
import { ListGridsQuery } from './list-grids.query';

@QueryHandler(ListGridsQuery)
export class ListGridsHandler implements IQueryHandler<ListGridsQuery, GridView[]> {
  constructor(private readonly grids: GridsRepository) {}

  execute(m: ListGridsQuery): Promise<GridView[]> {
    return this.grids.list(m.communityId);
  }
}
