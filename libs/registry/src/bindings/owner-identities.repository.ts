import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { BINDING_HASHER, type BindingHasher } from './binding-hasher';
import { type OwnerIdentityInput, type OwnerIdentityView } from './binding-views';
import { listOwnerIdentities, recordOwnerIdentity } from './owner-identities';
import { importOwnerIdentities, type OwnerIdentityRow } from './owner-identity-import';

/** The owners the secretary recorded for units: numbers hashed at once, never read back. */
@Injectable()
export class OwnerIdentitiesRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  record(
    communityId: string,
    actorId: string,
    unitId: string,
    input: OwnerIdentityInput,
  ): Promise<OwnerIdentityView> {
    return recordOwnerIdentity(this.pool, this.hasher, communityId, actorId, unitId, input);
  }

  list(communityId: string, unitId: string): Promise<OwnerIdentityView[]> {
    return listOwnerIdentities(this.pool, communityId, unitId);
  }

  import(
    communityId: string,
    actorId: string,
    rows: readonly OwnerIdentityRow[],
  ): Promise<{ recorded: number }> {
    return importOwnerIdentities(this.pool, this.hasher, communityId, actorId, rows);
  }
}
