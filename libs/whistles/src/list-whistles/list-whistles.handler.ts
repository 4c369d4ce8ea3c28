import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WhistleQueries } from '../whistle-queries';
import { type WhistleListResponse } from '../whistles.dto';
import { ListWhistlesQuery } from './list-whistles.query';

@QueryHandler(ListWhistlesQuery)
export class ListWhistlesHandler implements IQueryHandler<ListWhistlesQuery, WhistleListResponse> {
  constructor(private readonly whistles: WhistleQueries) {}

  execute({ of, filter }: ListWhistlesQuery): Promise<WhistleListResponse> {
    return this.whistles.list(of, filter);
  }
}
