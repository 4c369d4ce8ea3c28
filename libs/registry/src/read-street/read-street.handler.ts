import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type StreetView } from '../streets';
import { StreetsRepository } from '../streets.repository';
import { ReadStreetQuery } from './read-street.query';

@QueryHandler(ReadStreetQuery)
export class ReadStreetHandler implements IQueryHandler<ReadStreetQuery, StreetView> {
  constructor(private readonly streets: StreetsRepository) {}

  execute(m: ReadStreetQuery): Promise<StreetView> {
    return this.streets.read(m.streetId);
  }
}
