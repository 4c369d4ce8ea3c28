import { Inject, Injectable, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { findCommunity, readSettings, type Community } from './communities';
import { type CommunitySettings } from './settings';
import { foreignUnitIds, unitInScope, unitsInScope } from './units';

type UnitScope = { estate: string; building?: string | null; entrance?: string | null };

/**
 * What the feature libraries' use cases read from the registry: a community, its settings, and the
 * unit ledger within a scope. One provider for every feature (the registry's own use cases go
 * through their repositories).
 */
@Injectable()
export class RegistryReads {
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

/** Provides RegistryReads to the features that import it (one instance per process). */
@Module({ providers: [RegistryReads], exports: [RegistryReads] })
export class RegistryReadsModule {}
