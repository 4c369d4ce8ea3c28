import { type Pool } from 'pg';
import { BindingAttempts } from '../bindings/binding-attempts';
import { type BindingHasher } from '../bindings/binding-hasher';
import { type OwnerIdentityInput, type UnitBindingView } from '../bindings/binding-views';
import { OwnerIdentitiesRepository } from '../bindings/owner-identities.repository';
import { UnitBindingsRepository } from '../bindings/unit-bindings.repository';
import { BindUnitCommand } from './bind-unit.command';
import { BindUnitHandler } from './bind-unit.handler';

/** The binding by match (BindUnitHandler) for code without Nest: fixtures that bind directly. */
export function bindByRegistryMatch(
  pool: Pool,
  hasher: BindingHasher,
  userId: string,
  input: OwnerIdentityInput & { readonly unitId: string },
): Promise<UnitBindingView> {
  return new BindUnitHandler(
    new UnitBindingsRepository(pool),
    new OwnerIdentitiesRepository(pool, hasher),
    new BindingAttempts(pool),
  ).execute(new BindUnitCommand(userId, input));
}
