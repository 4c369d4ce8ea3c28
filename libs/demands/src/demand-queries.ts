/**
 * Reads of one demand: the demand with its timeline (waiting briefly for `minVersion` so a client
 * reads its own write), and a demand's community straight from the log (the access guard's scope,
 * never behind a read model). The list is list-demands/demand-list.ts.
 */
import {
  DEMAND_EVENT_LABELS,
  formatChineseTime,
  NotFoundError,
  type DemandEventType,
  type LedgerDemand,
} from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { canSeeDemand, type DemandViewer } from './demand-audience';
import { demandStream } from './demand-repository';
import { timelineDetail } from './demand-timeline';

export interface DemandTimelineItem {
  readonly position: number;
  readonly type: DemandEventType;
  /** What happened, in Chinese (签收, 派单 …). */
  readonly label: string;
  /** The particulars in Chinese (the reason, the rating …), or null. */
  readonly detail: string | null;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly occurredAt: string;
  /** The same time in China Standard Time, Chinese form (`2026年12月10日 08:12`). */
  readonly occurredAtText: string;
}

export interface DemandDetail {
  readonly demand: LedgerDemand;
  readonly version: number;
  readonly timeline: DemandTimelineItem[];
}

/**
 * One demand as the read model holds it, once it reflects `minVersion` (or what the log holds,
 * if less), with its timeline from the log up to that version; 404 when the viewer may not read it.
 */
export async function readDemand(
  db: Queryable,
  demandId: string,
  viewer: DemandViewer,
  minVersion = 0,
  waitMs = 3_000,
): Promise<DemandDetail> {
  const deadline = Date.now() + waitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 20)) {
    const { rows } = await db.query<{
      state: LedgerDemand | null;
      version: string | null;
      logged: string | null;
    }>(
      `SELECT v.state, v.version, s.version AS logged
         FROM (SELECT 1) one
         LEFT JOIN demand_views v ON v.demand_id = $1
         LEFT JOIN streams s ON s.stream_id = $2`,
      [demandId, demandStream(demandId)],
    );
    const row = rows[0]!;
    const logged = Number(row.logged ?? 0);
    if (logged === 0 && row.state === null) throw new NotFoundError('找不到该诉求', { demandId });
    const wanted = Math.min(Math.max(minVersion, 1), logged);
    const ready = row.state !== null && Number(row.version) >= wanted;
    if (ready || Date.now() >= deadline) {
      if (row.state === null) throw new NotFoundError('诉求还在登记中，请稍后再试', { demandId });
      const demand = upgradeStoredDemand(row.state);
      if (!canSeeDemand(viewer, reachOf(demand)))
        throw new NotFoundError('找不到该诉求', { demandId });
      const version = Number(row.version);
      return { demand, version, timeline: await readTimeline(db, demandId, version) };
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * A demand state stored by the demand-views read model before issue 22 lacks `whistles`: filled as
 * evolve does, so folding new events onto it and reading it both work.
 */
export function upgradeStoredDemand(state: LedgerDemand): LedgerDemand {
  return { ...state, whistles: (state as Partial<LedgerDemand>).whistles ?? [] };
}

/** What the visibility rule reads of a demand's state. */
export function reachOf(d: LedgerDemand) {
  return {
    submittedBy: d.submittedBy,
    unitId: d.unitId,
    onBehalf: d.onBehalfOf !== null,
    gridId: d.gridId,
    estate: d.place?.estate ?? null,
    building: d.place?.building ?? null,
    assignedUserId: d.assignment?.userId ?? null,
  };
}

async function readTimeline(
  db: Queryable,
  demandId: string,
  version: number,
): Promise<DemandTimelineItem[]> {
  const { rows } = await db.query<{
    stream_position: string;
    type: DemandEventType;
    data: never;
    actor_id: string | null;
    actor_name: string | null;
    occurred_at: string;
  }>(
    `SELECT e.stream_position, e.type, e.data, e.metadata->>'actorId' AS actor_id,
            u.display_name AS actor_name, e.metadata->>'occurredAt' AS occurred_at
       FROM events e
       LEFT JOIN users u ON u.id::text = e.metadata->>'actorId'
      WHERE e.stream_id = $1 AND e.stream_position <= $2
      ORDER BY e.stream_position`,
    [demandStream(demandId), version],
  );
  return rows.map((r) => {
    const event = { type: r.type, data: r.data } as Parameters<typeof timelineDetail>[0];
    return {
      position: Number(r.stream_position),
      type: r.type,
      label: DEMAND_EVENT_LABELS[r.type],
      detail: timelineDetail(event),
      actorId: r.actor_id,
      actorName: r.actor_name,
      occurredAt: r.occurred_at,
      occurredAtText: formatChineseTime(r.occurred_at),
    };
  });
}

/** The community of a demand, from its first event: the guard's scope for `:demandId`. */
export async function demandCommunity(
  db: Queryable,
  demandId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ community_id: string | null }>(
    `SELECT data->>'communityId' AS community_id FROM events
      WHERE stream_id = $1 AND stream_position = 1 AND type = 'DemandReceived'`,
    [demandStream(demandId)],
  );
  return rows[0]?.community_id ?? undefined;
}

/** Whether the viewer may read the demand (for a photo attached to it); false for an unknown one. */
export async function mayReadDemand(
  db: Queryable,
  demandId: string,
  viewer: DemandViewer,
): Promise<boolean> {
  const { rows } = await db.query<{ state: LedgerDemand }>(
    `SELECT state FROM demand_views WHERE demand_id = $1`,
    [demandId],
  );
  const state = rows[0]?.state;
  return state !== undefined && canSeeDemand(viewer, reachOf(state));
}
