import { Command } from '@nestjs/cqrs';
import { type UnitBindingView } from '../bindings/binding-views';

/** Ends a binding; an ended binding is returned as it is. */
export class UnbindUnitCommand extends Command<UnitBindingView> {
  constructor(
    readonly actorId: string,
    readonly bindingId: string,
    /** The bound resident themself, or the secretary of the binding's community with a reason. */
    readonly by:
      { readonly self: true } | { readonly communityId: string; readonly reason: unknown },
  ) {
    super();
  }
}
