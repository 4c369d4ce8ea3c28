import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { ListMyBindingsQuery } from './list-my-bindings.query';

@QueryHandler(ListMyBindingsQuery)
export class ListMyBindingsHandler implements IQueryHandler<
  ListMyBindingsQuery,
  UnitBindingView[]
> {
  constructor(private readonly bindings: UnitBindingsRepository) {}

  execute(m: ListMyBindingsQuery): Promise<UnitBindingView[]> {
    return this.bindings.ofUser(m.userId);
  }
}
