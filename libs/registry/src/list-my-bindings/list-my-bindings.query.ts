import { Query } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';

/** The caller's active bindings, newest first. */
export class ListMyBindingsQuery extends Query<UnitBindingView[]> {
  constructor(readonly userId: string) {
    super();
  }
}
