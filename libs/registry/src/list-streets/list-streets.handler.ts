import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type StreetRef } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { ListStreetsQuery } from './list-streets.query';

@QueryHandler(ListStreetsQuery)
export class ListStreetsHandler implements IQueryHandler<ListStreetsQuery, StreetRef[]> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: ListStreetsQuery): Promise<StreetRef[]> {
    return this.streets.list(m.user);
  }
}
