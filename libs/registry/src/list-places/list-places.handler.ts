import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type EstatePlace } from '../units';
import { UnitsRepository } from '../units.repository';
import { ListPlacesQuery } from './list-places.query';

@QueryHandler(ListPlacesQuery)
export class ListPlacesHandler implements IQueryHandler<ListPlacesQuery, EstatePlace[]> {
  constructor(private readonly units: UnitsRepository) {}

  execute(m: ListPlacesQuery): Promise<EstatePlace[]> {
    return this.units.places(m.communityId);
  }
}
