import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import {
  findCommunity,
  foreignUnitIds,
  readSettings,
  unitInScope,
  unitsInScope,
  type Community,
  type CommunitySettings,
} from '@yishi/registry';

type UnitScope = { estate: string; building?: string | null; entrance?: string | null };

/** What the case and follow-up use cases read from the registry (the unit ledger, the settings). */
@Injectable()
export class CaseRegistryQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  community(communityId: string): Promise<Community> {
    return findCommunity(this.pool, communityId);
  }

  settings(communityId: string): Promise<CommunitySettings> {
    return readSettings(this.pool, communityId);
  }

  unitsInScope(communityId: string, scope: UnitScope): Promise<number> {
    return unitsInScope(this.pool, communityId, scope);
  }

  unitInScope(communityId: string, scope: UnitScope, unitId: string): Promise<boolean> {
    return unitInScope(this.pool, communityId, scope, unitId);
  }

  foreignUnitIds(communityId: string, unitIds: readonly string[]): Promise<string[]> {
    return foreignUnitIds(this.pool, communityId, unitIds);
  }
}
