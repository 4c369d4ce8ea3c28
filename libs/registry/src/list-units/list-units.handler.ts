import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Unit } from '../units';
import { UnitsRepository } from '../units.repository';
import { ListUnitsQuery } from './list-units.query';

@QueryHandler(ListUnitsQuery)
export class ListUnitsHandler implements IQueryHandler<
  ListUnitsQuery,
  { items: Unit[]; total: number }
> {
  constructor(private readonly units: UnitsRepository) {}

  execute(m: ListUnitsQuery): Promise<{ items: Unit[]; total: number }> {
    return this.units.list(m.communityId, m.page);
  }
}
