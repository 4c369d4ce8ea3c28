import { Inject, Injectable, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { findCommunity, readSettings, type Community } from './communities';
import { gridOfBuilding, gridsOfWorker, type GridRef } from './grids';
import { type CommunitySettings } from './settings';
import { type LedgerUnit } from './hotline/address-match';
import { foreignUnitIds, ledgerUnits, unitInScope, unitsInScope } from './units';

type UnitScope = { estate: string; building?: string | null; entrance?: string | null };

/**
 * What the feature libraries' use cases read from the registry: a community, its settings, the
 * unit ledger within a scope, and the grids of buildings and workers. One provider for every feature (the registry's own use cases go
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

  /** The community's whole unit ledger, for matching hotline addresses (`matchAddressToUnit`). */
  unitLedger(communityId: string): Promise<LedgerUnit[]> {
    return ledgerUnits(this.pool, communityId);
  }

  /** The grid a building of the community belongs to; null when it is in none (the secretary's). */
  gridOfBuilding(communityId: string, estate: string, building: string): Promise<GridRef | null> {
    return gridOfBuilding(this.pool, communityId, estate, building);
  }

  /** The grids a member works in while holding the grid-worker role. */
  gridsOfWorker(communityId: string, userId: string): Promise<GridRef[]> {
    return gridsOfWorker(this.pool, communityId, userId);
  }
}

/** Provides RegistryReads to the features that import it (one instance per process). */
@Module({ providers: [RegistryReads], exports: [RegistryReads] })
export class RegistryReadsModule {}
