import { Inject, Injectable, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import { type Role } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { findCommunity, readSettings, type Community } from './communities';
import { intakePlace, type IntakePlace, type IntakeWhere } from './demand-intake';
import {
  gridOfBuilding,
  gridsOfWorker,
  gridWithAdmissions,
  ledPlaces,
  type GridRef,
  type GridWithAdmissions,
  type LedPlaces,
} from './grids';
import { type CommunitySettings } from './settings';
import { type LedgerUnit } from './hotline/address-match';
import { foreignUnitIds, ledgerUnits, unitInScope, unitPlaces, unitsInScope } from './units';

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

  /** A demand's intake: the settings, the unit's or named place, its grid, in one statement. */
  intakePlace(communityId: string, where: IntakeWhere): Promise<IntakePlace> {
    return intakePlace(this.pool, communityId, where);
  }

  /** Where a unit of the community is (estate, building); null for an unknown one or another's. */
  async unitPlace(
    communityId: string,
    unitId: string,
  ): Promise<{ estate: string; building: string } | null> {
    const [unit] = await unitPlaces(this.pool, communityId, [unitId]);
    return unit === undefined ? null : { estate: unit.estate, building: unit.building };
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

  /** The community's grids (id and name), by name. */
  async gridsOf(communityId: string): Promise<GridRef[]> {
    const { rows } = await this.pool.query<GridRef>(
      `SELECT id, name FROM grids WHERE community_id = $1 ORDER BY length(name), name, id`,
      [communityId],
    );
    return rows;
  }

  /** A grid of the community with its admission list; null for an unknown one or another's. */
  grid(communityId: string, gridId: string): Promise<GridWithAdmissions | null> {
    return gridWithAdmissions(this.pool, communityId, gridId);
  }

  /** Whether the user is a member of the community (any role). */
  async isMember(communityId: string, userId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return rowCount !== 0;
  }

  /** The user's roles in the community now (none: not a member). */
  async rolesOf(communityId: string, userId: string): Promise<Role[]> {
    const { rows } = await this.pool.query<{ roles: Role[] }>(
      `SELECT roles FROM memberships WHERE community_id = $1 AND user_id = $2`,
      [communityId, userId],
    );
    return rows[0]?.roles ?? [];
  }

  /** Of `userIds`, those who are not members of the community (unknown users included). */
  async nonMembers(communityId: string, userIds: readonly string[]): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT u.id FROM unnest($2::uuid[]) AS u(id)
        WHERE NOT EXISTS (SELECT 1 FROM memberships m WHERE m.community_id = $1 AND m.user_id = u.id)`,
      [communityId, userIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * What a lead serves, while holding the role: the units of a unit lead or neighbour lead
   * (单元长, 邻长) and the buildings of a building lead (楼栋长).
   */
  ledPlaces(communityId: string, userId: string): Promise<LedPlaces> {
    return ledPlaces(this.pool, communityId, userId);
  }

  /** The prefix of the community's demand numbers (`demandNumberPrefix`, or its name's default). */
  async demandNumberPrefix(communityId: string): Promise<string> {
    return (await readSettings(this.pool, communityId)).demandNumberPrefix;
  }
}

/** Provides RegistryReads to the features that import it (one instance per process). */
@Module({ providers: [RegistryReads], exports: [RegistryReads] })
export class RegistryReadsModule {}
