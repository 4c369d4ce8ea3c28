import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { ListUnitBindingsQuery } from './list-unit-bindings.query';

@QueryHandler(ListUnitBindingsQuery)
export class ListUnitBindingsHandler implements IQueryHandler<
  ListUnitBindingsQuery,
  UnitBindingView[]
> {
  constructor(private readonly bindings: UnitBindingsRepository) {}

  execute(m: ListUnitBindingsQuery): Promise<UnitBindingView[]> {
    return this.bindings.ofCommunity(m.communityId, m.filter);
  }
}
