import { Command } from '@nestjs/cqrs';
import { type OwnerIdentityInput, type UnitBindingView } from '../bindings/binding-views';

/** A resident binds themself to a unit by the owner's certificate and ID numbers (counted on a mismatch). */
export class BindUnitCommand extends Command<UnitBindingView> {
  constructor(
    readonly userId: string,
    readonly input: OwnerIdentityInput & { readonly unitId: string },
  ) {
    super();
  }
}
