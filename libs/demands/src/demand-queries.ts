/**
 * Reads of the ledger: the list (filters, search, the caller's visibility), one demand with its
 * timeline (waiting briefly for `minVersion` so a client reads its own write), and a demand's
 * community straight from the log (the access guard's scope, never behind a read model).
 */
import {
  DEMAND_EVENT_LABELS,
  formatChineseTime,
  NotFoundError,
  type DemandEventType,
  type DemandStatus,
  type LedgerDemand,
} from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { canSeeDemand, type DemandViewer, visibleDemandsSql } from './demand-audience';
import { demandStream } from './demand-repository';
import { timelineDetail } from './demand-timeline';

export interface DemandListFilter {
  readonly status?: DemandStatus | undefined;
  readonly gridId?: string | undefined;
  readonly category?: string | undefined;
  readonly source?: string | undefined;
  /** true: only the overdue ones (`overdueSql`). */
  readonly overdue?: boolean | undefined;
  /** Words of the content, or (part of) the number. */
  readonly q?: string | undefined;
  /** Received at or after, before. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /**
   * `due`: the overdue first, then the ones waiting to be accepted or handled, then the resolved
   * and in-case, each by its current deadline, the finished last; otherwise the newest first.
   */
  readonly sort?: 'received' | 'due' | undefined;
  readonly limit: number;
  readonly offset: number;
  /** The instant "overdue" is judged at; now when absent. */
  readonly asOf?: string | undefined;
}

export interface DemandListItem {
  readonly id: string;
  readonly number: string;
  readonly content: string;
  readonly category: string;
  readonly status: DemandStatus;
  readonly gridId: string | null;
  readonly unitId: string | null;
  readonly estate: string | null;
  readonly building: string | null;
  readonly source: string;
  readonly receivedAt: string;
  readonly acceptedAt: string | null;
  /** By when to accept (签收): what a received demand waits on first. */
  readonly acceptDueAt: string;
  readonly dueAt: string;
  /** Waiting to be accepted or handled past its deadline (`overdueSql`), as of the list's instant. */
  readonly overdue: boolean;
  readonly closedAt: string | null;
  readonly reopenings: number;
  readonly rating: string | null;
  /** The person it is assigned to (派单 to a user), or null. */
  readonly assignedUserId: string | null;
}

interface ListRow {
  demand_id: string;
  number: string;
  content: string;
  category: string;
  status: DemandStatus;
  grid_id: string | null;
  unit_id: string | null;
  estate: string | null;
  building: string | null;
  source: string;
  received_at: Date;
  accepted_at: Date | null;
  accept_due_at: Date;
  due_at: Date;
  overdue: boolean;
  closed_at: Date | null;
  reopenings: number;
  rating: string | null;
  assigned_user_id: string | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

const toItem = (r: ListRow): DemandListItem => ({
  id: r.demand_id,
  number: r.number,
  content: r.content,
  category: r.category,
  status: r.status,
  gridId: r.grid_id,
  unitId: r.unit_id,
  estate: r.estate,
  building: r.building,
  source: r.source,
  receivedAt: r.received_at.toISOString(),
  acceptedAt: iso(r.accepted_at),
  acceptDueAt: r.accept_due_at.toISOString(),
  dueAt: r.due_at.toISOString(),
  overdue: r.overdue,
  closedAt: iso(r.closed_at),
  reopenings: r.reopenings,
  rating: r.rating,
  assignedUserId: r.assigned_user_id,
});

/** `%` and `_` in the words are themselves, not wildcards. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Waiting on the ledger's own people (to accept, hand out, handle): their deadline runs. */
const WAITING = `('received', 'accepted', 'assigned', 'refused')`;
/** Waiting on someone else: the submitter's answer, or the case it is in. */
const ELSEWHERE = `('resolved', 'in-case')`;

/** The deadline a demand waits on now: a received one's accept deadline, or the ledger's due. */
const CURRENT_DUE = `CASE WHEN v.status = 'received' THEN LEAST(v.accept_due_at, v.due_at) ELSE v.due_at END`;

/**
 * Overdue (已超时) at `asOf` (a parameter): received and not accepted by its accept deadline (or
 * past the ledger's due, a hotline ticket's own being earlier), or accepted, assigned or refused
 * (with the secretary) and not resolved by its due. Resolved, in-case and finished demands wait on
 * nobody in the ledger and are never overdue.
 */
const overdueSql = (asOf: string): string =>
  `(v.status IN ${WAITING} AND ${CURRENT_DUE} < ${asOf})`;

export async function listDemands(
  db: Queryable,
  communityId: string,
  viewer: DemandViewer,
  f: DemandListFilter,
): Promise<{ items: DemandListItem[]; total: number }> {
  const args: unknown[] = [communityId];
  const p = (value: unknown): string => `$${args.push(value)}`;
  // The instant, as a parameter taken when first used: a statement may not carry one it ignores.
  let asOf: string | null = null;
  const overdue = () =>
    overdueSql((asOf ??= `${p(f.asOf ?? new Date().toISOString())}::timestamptz`));
  const where = [`v.community_id = $1`, visibleDemandsSql(viewer, args)];
  if (f.status !== undefined) where.push(`v.status = ${p(f.status)}`);
  if (f.gridId !== undefined) where.push(`v.grid_id = ${p(f.gridId)}`);
  if (f.category !== undefined) where.push(`v.category = ${p(f.category)}`);
  if (f.source !== undefined) where.push(`v.source = ${p(f.source)}`);
  if (f.overdue !== undefined) where.push(f.overdue ? overdue() : `NOT ${overdue()}`);
  if (f.from !== undefined) where.push(`v.received_at >= ${p(f.from)}`);
  if (f.to !== undefined) where.push(`v.received_at < ${p(f.to)}`);
  if (f.q !== undefined) where.push(`(v.number || ' ' || v.content) ILIKE ${p(likePattern(f.q))}`);
  const condition = where.join(' AND ');
  const total = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM demand_views v WHERE ${condition}`,
    [...args],
  );
  const order =
    f.sort === 'due'
      ? `CASE WHEN ${overdue()} THEN 0 WHEN v.status IN ${WAITING} THEN 1
              WHEN v.status IN ${ELSEWHERE} THEN 2 ELSE 3 END,
         ${CURRENT_DUE}, v.received_at, v.demand_id`
      : `v.received_at DESC, v.demand_id`;
  const { rows } = await db.query<ListRow>(
    `SELECT v.demand_id, v.number, v.content, v.category, v.status, v.grid_id, v.unit_id, v.estate,
            v.building, v.source, v.received_at, v.accepted_at, v.due_at,
            v.accept_due_at, ${overdue()} AS overdue, v.closed_at, v.reopenings, v.rating,
            v.assigned_user_id
       FROM demand_views v WHERE ${condition}
      ORDER BY ${order} LIMIT ${p(f.limit)} OFFSET ${p(f.offset)}`,
    args,
  );
  return { items: rows.map(toItem), total: Number(total.rows[0]?.n ?? 0) };
}

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
      const demand = row.state;
      if (!canSeeDemand(viewer, reachOf(demand)))
        throw new NotFoundError('找不到该诉求', { demandId });
      const version = Number(row.version);
      return { demand, version, timeline: await readTimeline(db, demandId, version) };
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
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
