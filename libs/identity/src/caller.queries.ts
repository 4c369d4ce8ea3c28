import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type CallerDepartment } from '@yishi/access';
import { type Occupancy, type Party, type Role } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { LED_UNIT_IDS, OCCUPANCY, UNIT_IDS, type Membership } from '@yishi/registry';
import { type User } from './users';

export interface CallerRecord {
  readonly user: User;
  readonly secretaryAnywhere: boolean;
  /** The caller's membership of `communityId`, when one was asked for and exists. */
  readonly membership: Membership | undefined;
  /**
   * The units the caller is bound to by real name (实名绑定) now, in any community: read in the
   * same round trip (an index-only lookup), so a ballot needs no query of its own for them.
   */
  readonly boundUnitIds: ReadonlySet<string>;
  /** The caller's departments in `streetId`, when one was asked for (none: an empty list). */
  readonly departments: readonly CallerDepartment[] | undefined;
  /** The version a token must carry to be valid (see AccessClaims.ver). */
  readonly tokenVersion: number;
  readonly disabled: boolean;
}

@Injectable()
export class CallerQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  /**
   * The user a token names, whether they are a secretary in any community (the table's
   * `secretary-anywhere` grant), their bound units and, for a request about a community, their
   * membership there and, for a request about a street, their departments of it: one round trip,
   * which every signed-in request pays.
   */
  async find(
    userId: string,
    communityId: string | undefined,
    streetId?: string,
  ): Promise<CallerRecord | undefined> {
    // The departments' subquery only for a street's request: every other request stays as it was.
    const departments =
      streetId === undefined
        ? 'NULL::json'
        : `(SELECT coalesce(json_agg(json_build_object('departmentId', d.id, 'kind', d.kind,
                                                       'role', dm.role)), '[]'::json)
              FROM department_members dm JOIN departments d ON d.id = dm.department_id
             WHERE dm.user_id = u.id AND d.street_id = $3)`;
    const { rows } = await this.pool.query<{
      id: string;
      username: string;
      display_name: string;
      phone: string | null;
      is_admin: boolean;
      secretary_anywhere: boolean;
      roles: Role[] | null;
      party: Party | null;
      unit_ids: string[] | null;
      led_unit_ids: string[] | null;
      occupancy: Occupancy | null;
      estates: string[] | null;
      bound_unit_ids: string[] | null;
      departments: CallerDepartment[] | null;
      token_version: number;
      disabled: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.phone, u.is_admin, u.token_version,
              u.disabled_at IS NOT NULL AS disabled,
              EXISTS (SELECT 1 FROM memberships s
                       WHERE s.user_id = u.id AND 'secretary' = ANY (s.roles)) AS secretary_anywhere,
              m.roles, m.party, m.estates,
              CASE WHEN m.user_id IS NULL THEN NULL ELSE ${UNIT_IDS} END AS unit_ids,
              CASE WHEN m.user_id IS NULL THEN NULL ELSE ${LED_UNIT_IDS} END AS led_unit_ids,
              ${OCCUPANCY} AS occupancy,
              ARRAY(SELECT b.unit_id FROM unit_bindings b
                     WHERE b.user_id = u.id AND b.unbound_at IS NULL) AS bound_unit_ids,
              ${departments} AS departments
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id AND m.community_id = $2
        WHERE u.id = $1`,
      streetId === undefined
        ? [userId, communityId ?? null]
        : [userId, communityId ?? null, streetId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    return {
      user: {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        phone: row.phone,
        admin: row.is_admin,
      },
      secretaryAnywhere: row.secretary_anywhere,
      tokenVersion: row.token_version,
      disabled: row.disabled,
      boundUnitIds: new Set(row.bound_unit_ids ?? []),
      departments: row.departments ?? undefined,
      membership:
        communityId === undefined || row.roles === null
          ? undefined
          : {
              communityId,
              userId: row.id,
              roles: row.roles,
              party: row.party,
              unitIds: row.unit_ids ?? [],
              ledUnitIds: row.led_unit_ids ?? [],
              occupancy: row.occupancy,
              estates: row.estates ?? [],
            },
    };
  }
}
