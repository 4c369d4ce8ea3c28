import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { BINDING_HASHER, type BindingHasher } from './binding-hasher';
import { type OwnerIdentityInput, type UnitBindingView } from './binding-views';
import { bindByRegistryMatch, bindingsOfCommunity, bindingsOfUser, unbind } from './unit-bindings';

/** Accounts bound to units (实名绑定): binding by match, ending, and the two lists. */
@Injectable()
export class UnitBindingsRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  bindByRegistryMatch(
    userId: string,
    input: OwnerIdentityInput & { readonly unitId: string },
  ): Promise<UnitBindingView> {
    return bindByRegistryMatch(this.pool, this.hasher, userId, input);
  }

  unbind(
    actorId: string,
    bindingId: string,
    by: { readonly self: true } | { readonly communityId: string; readonly reason: unknown },
  ): Promise<UnitBindingView> {
    return unbind(this.pool, actorId, bindingId, by);
  }

  ofUser(userId: string): Promise<UnitBindingView[]> {
    return bindingsOfUser(this.pool, userId);
  }

  ofCommunity(
    communityId: string,
    filter: { readonly unitId?: string | undefined; readonly active?: boolean | undefined },
  ): Promise<UnitBindingView[]> {
    return bindingsOfCommunity(this.pool, communityId, filter);
  }
}
