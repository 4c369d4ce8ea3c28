import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { type CanvassChannel, type CanvassOutcome, type CanvassVisit } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from './audit';

/*
 * Canvassing (扫楼, docs/voting.md): the visits building leads and grid workers record while a vote
 * is open, and where each unit of a vote is (estate, building, entrance, room) for the board.
 * Visits are only ever added, each with its audit row in the same transaction.
 */

/** Where a unit is, for the board: names only, never an owner. */
export interface UnitPlace {
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
}

export interface StoredVisit extends CanvassVisit {
  readonly id: string;
  readonly recordedAt: string;
}

/**
 * Whether `userId` canvasses the building of `unitId`: assigned to it (`building_leads`) while
 * holding the building-lead or grid-worker role.
 */
export async function canvassesUnit(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM units u
       JOIN entrances n ON n.id = u.entrance_id
       JOIN building_leads l ON l.building_id = n.building_id AND l.community_id = u.community_id
       JOIN memberships m ON m.community_id = l.community_id AND m.user_id = l.user_id
      WHERE u.id = $1 AND u.community_id = $2 AND l.user_id = $3
        AND m.roles && ARRAY['building-lead', 'grid-worker']`,
    [unitId, communityId, userId],
  );
  return (rowCount ?? 0) > 0;
}

/** Records a visit with its audit row, in one transaction; returns it as stored. */
export async function insertVisit(
  db: Pool,
  communityId: string,
  visit: CanvassVisit,
): Promise<StoredVisit> {
  return inTransaction(db, async (client) => {
    const id = randomUUID();
    const { rows } = await client.query<{ recorded_at: Date }>(
      `INSERT INTO canvass_visits
         (id, community_id, resolution_id, unit_id, channel, outcome, note, visited_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       RETURNING recorded_at`,
      [
        id,
        communityId,
        visit.resolutionId,
        visit.unitId,
        visit.channel,
        visit.outcome,
        visit.note,
        visit.visitedAt,
        visit.recordedBy,
      ],
    );
    await recordAudit(client, {
      communityId,
      actorId: visit.recordedBy,
      action: 'canvass.visit',
      entity: 'unit',
      entityId: visit.unitId,
      data: {
        visitId: id,
        resolutionId: visit.resolutionId,
        channel: visit.channel,
        outcome: visit.outcome,
        visitedAt: visit.visitedAt,
      },
    });
    return { ...visit, id, recordedAt: (rows[0]?.recorded_at ?? new Date()).toISOString() };
  });
}

/**
 * The latest `perUnit` visits of each unit of a resolution, newest first (by visit time, then by
 * when it was recorded): one index range scan.
 */
export async function latestVisits(
  db: Pool | PoolClient,
  resolutionId: string,
  perUnit: number,
): Promise<Map<string, StoredVisit[]>> {
  const { rows } = await db.query<{
    id: string;
    unit_id: string;
    channel: CanvassChannel;
    outcome: CanvassOutcome;
    note: string | null;
    visited_at: Date;
    recorded_by: string;
    recorded_at: Date;
  }>(
    `SELECT id, unit_id, channel, outcome, note, visited_at, recorded_by, recorded_at
       FROM (SELECT v.*, row_number() OVER (PARTITION BY unit_id
                                            ORDER BY visited_at DESC, recorded_at DESC, id) AS n
               FROM canvass_visits v WHERE resolution_id = $1) s
      WHERE n <= $2
      ORDER BY unit_id, n`,
    [resolutionId, perUnit],
  );
  const byUnit = new Map<string, StoredVisit[]>();
  for (const r of rows) {
    const list = byUnit.get(r.unit_id) ?? [];
    list.push({
      id: r.id,
      resolutionId,
      unitId: r.unit_id,
      channel: r.channel,
      outcome: r.outcome,
      note: r.note,
      visitedAt: r.visited_at.toISOString(),
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at.toISOString(),
    });
    byUnit.set(r.unit_id, list);
  }
  return byUnit;
}
