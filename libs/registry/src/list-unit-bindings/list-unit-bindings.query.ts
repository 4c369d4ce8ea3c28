import { Query } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';

/** A community's bindings, active and ended, newest first (the secretary's view). */
export class ListUnitBindingsQuery extends Query<UnitBindingView[]> {
  constructor(
    readonly communityId: string,
    readonly filter: {
      readonly unitId?: string | undefined;
      readonly active?: boolean | undefined;
    },
  ) {
    super();
  }
}
