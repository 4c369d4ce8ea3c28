/**
 * The ledger's list (GET /communities/:communityId/demands) over `demand_views`: the caller's
 * visibility, the filters, search, two orders, offset or keyset paging, and a capped count. Built to
 * answer within 50 ms at 100,000 demands in one community (docs/demands.md, "The list at 100,000
 * demands"):
 * - every filter and order the ledger asks for most has an index of `(community_id, <filter>,
 *   <order>)` (demand-views.projection.ts), so a page is one index range;
 * - `sort=due` orders by what does not move with the clock (`status_group`, `due_key`, receipt,
 *   id): the overdue are exactly the waiting whose `due_key` has passed, so they come first within
 *   the waiting by `due_key` alone, and the instant only decides the `overdue` mark;
 * - `q` is looked up by its grams in the GIN index of `search_grams` (exact for up to three
 *   characters), a longer one then checked with ILIKE;
 * - the page reads the ids of its rows first (from the index alone where it holds the filter and
 *   order) and only then the rows, so an offset skips index entries, not rows;
 * - `total` counts at most 1,001 matching rows (101 for a search): past the cap, `totalExact` is
 *   false. A search's matches are spread over the table and each is a visit to its row (the grams'
 *   GIN index holds no community and cannot answer alone), so counting a common word's 1,001
 *   matches cost 45–70 ms at 100,000 demands; 101 cost a tenth of that, and "100+" says enough;
 * - the page and the count are one statement: one round trip.
 */
import {
  type DemandStatus,
  querySearchGrams,
  SEARCH_GRAM_LENGTH,
  ValidationError,
} from '@yishi/domain';
import { type Queryable } from '@yishi/event-store';
import { type DemandViewer, visibleDemandsSql } from '../demand-audience';
import {
  cursorInstantSql,
  decodeDemandCursor,
  type DemandCursor,
  type DemandListSort,
  encodeDemandCursor,
} from './demand-cursor';

export interface DemandListFilter {
  readonly status?: DemandStatus | undefined;
  readonly gridId?: string | undefined;
  readonly category?: string | undefined;
  readonly source?: string | undefined;
  /** true: only the overdue ones (`OVERDUE`). */
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
  readonly sort?: DemandListSort | undefined;
  readonly limit: number;
  readonly offset: number;
  /** A page's `nextCursor`: the page after it, in the same sort (then `offset` must be 0). */
  readonly cursor?: string | undefined;
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
  /** Waiting to be accepted or handled past its deadline (`OVERDUE`), as of the list's instant. */
  readonly overdue: boolean;
  readonly closedAt: string | null;
  readonly reopenings: number;
  readonly rating: string | null;
  /** The person it is assigned to (派单 to a user), or null. */
  readonly assignedUserId: string | null;
}

export interface DemandListPage {
  readonly items: DemandListItem[];
  /** How many match: exactly when `totalExact`, else a lower bound (more than 1,000 match). */
  readonly total: number;
  readonly totalExact: boolean;
  /** The next page's `cursor`; null on the last page. */
  readonly nextCursor: string | null;
}

/** The count stops here: a total above it is shown as "1000+". */
export const TOTAL_CAP = 1_000;
/** The same for a search (`q`): "100+". */
export const SEARCH_TOTAL_CAP = 100;

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
  status_group: number;
  due_key_text: string;
  received_text: string;
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

const cursorOf = (r: ListRow, sort: DemandListSort): DemandCursor =>
  sort === 'received'
    ? { sort, receivedAt: r.received_text, demandId: r.demand_id }
    : {
        sort,
        group: r.status_group,
        dueKey: r.due_key_text,
        receivedAt: r.received_text,
        demandId: r.demand_id,
      };

/** `%` and `_` in the words are themselves, not wildcards. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Overdue (已超时) at `asOf` (a parameter): waiting on the ledger's own people (status group 1:
 * received, accepted, assigned, refused) past the deadline it waits on (`due_key`: a received
 * one's accept deadline, or the ledger's due when a hotline ticket's own is earlier; the others'
 * due). Resolved, in-case and finished demands wait on nobody in the ledger and are never overdue.
 */
const OVERDUE = (asOf: string): string => `(v.status_group = 1 AND v.due_key < ${asOf})`;

/** Each sort's ORDER BY; a total order (the id last), which the keyset continues. */
const ORDER: Record<DemandListSort, string> = {
  received: 'v.received_at DESC, v.demand_id',
  due: 'v.status_group, v.due_key, v.received_at, v.demand_id',
};

export async function listDemands(
  db: Queryable,
  communityId: string,
  viewer: DemandViewer,
  f: DemandListFilter,
): Promise<DemandListPage> {
  const sort = f.sort ?? 'received';
  const cursor = f.cursor === undefined ? undefined : decodeDemandCursor(f.cursor, sort);
  if (cursor !== undefined && f.offset > 0) {
    const message = '翻页标记（cursor）与 offset 不能同时使用';
    throw new ValidationError(message, { fields: [{ field: 'cursor', problems: [message] }] });
  }
  const args: unknown[] = [communityId];
  const p = (value: unknown): string => `$${args.push(value)}`;
  // The instant, as a parameter taken when first used: a statement may not carry one it ignores.
  let asOf: string | null = null;
  const overdue = () => OVERDUE((asOf ??= `${p(f.asOf ?? new Date().toISOString())}::timestamptz`));
  const where = [`v.community_id = $1`, visibleDemandsSql(viewer, args)];
  if (f.status !== undefined) where.push(`v.status = ${p(f.status)}`);
  if (f.gridId !== undefined) where.push(`v.grid_id = ${p(f.gridId)}`);
  if (f.category !== undefined) where.push(`v.category = ${p(f.category)}`);
  if (f.source !== undefined) where.push(`v.source = ${p(f.source)}`);
  if (f.overdue !== undefined) where.push(f.overdue ? overdue() : `NOT ${overdue()}`);
  if (f.from !== undefined) where.push(`v.received_at >= ${p(f.from)}`);
  if (f.to !== undefined) where.push(`v.received_at < ${p(f.to)}`);
  if (f.q !== undefined && f.q !== '') {
    where.push(`v.search_grams @> ${p(querySearchGrams(f.q))}::text[]`);
    // Up to three characters the query is one gram, and holding it is being found. A longer one's
    // 3-grams may lie apart: ILIKE decides. Not on a short one: it would change no answer, but
    // PostgreSQL guesses its share of rows far too small (it knows nothing of '%路灯%'), and on
    // that guess reads every match to sort them rather than walking the newest first.
    if (Array.from(f.q).length > SEARCH_GRAM_LENGTH)
      where.push(`(v.number || ' ' || v.content) ILIKE ${p(likePattern(f.q))}`);
  }
  const condition = where.join(' AND ');
  const cap = f.q === undefined ? TOTAL_CAP : SEARCH_TOTAL_CAP;
  const after = cursor === undefined ? [] : [keysetAfter(cursor, p)];
  const limits = `LIMIT ${p(f.limit + 1)} OFFSET ${p(f.offset)}`;
  // The page's ids in order (from the index alone where it holds the filter and the order), one
  // more than the page to tell whether another follows. The overdue are few and older than the
  // newest demands: taken first by the deadline index, then sorted, rather than found by walking
  // newest first through every demand received since.
  const page =
    sort === 'received' && f.overdue === true
      ? `candidates AS MATERIALIZED (
           SELECT v.demand_id, v.received_at FROM demand_views v
            WHERE ${[condition, ...after].join(' AND ')}),
         page AS (SELECT v.demand_id FROM candidates v ORDER BY ${ORDER.received} ${limits})`
      : `page AS (SELECT v.demand_id FROM demand_views v
                   WHERE ${[condition, ...after].join(' AND ')}
                   ORDER BY ${ORDER[sort]} ${limits})`;
  // One statement, one round trip: the page's rows, and beside them the matching rows counted up
  // to one past the cap (a row with the count alone when the page is empty).
  const { rows } = await db.query<ListRow & { matching: number }>(
    `WITH ${page},
          matching AS (SELECT count(*)::int AS n FROM (
            SELECT 1 FROM demand_views v WHERE ${condition} LIMIT ${cap + 1}) m)
     SELECT matching.n AS matching, v.demand_id, v.number, v.content, v.category, v.status,
            v.grid_id, v.unit_id, v.estate, v.building, v.source, v.received_at, v.accepted_at,
            v.due_at, v.accept_due_at, ${overdue()} AS overdue, v.closed_at, v.reopenings,
            v.rating, v.assigned_user_id, v.status_group,
            ${cursorInstantSql('v.due_key')} AS due_key_text,
            ${cursorInstantSql('v.received_at')} AS received_text
       FROM matching
       LEFT JOIN (page JOIN demand_views v ON v.demand_id = page.demand_id) ON true
      ORDER BY ${ORDER[sort]}`,
    args,
  );
  const n = rows[0]?.matching ?? 0;
  const found = rows.filter((r) => r.demand_id !== null);
  const more = found.length > f.limit;
  const shown = more ? found.slice(0, f.limit) : found;
  const items = shown.map(toItem);
  const nextCursor = more ? encodeDemandCursor(cursorOf(shown.at(-1)!, sort)) : null;

  // The last page of an offset says the total itself, however many.
  if (cursor === undefined && !more && items.length > 0)
    return { items, total: f.offset + items.length, totalExact: true, nextCursor };
  if (n <= cap) return { items, total: n, totalExact: true, nextCursor };
  // More than the cap match; a page past it shows that at least the rows up to its end do.
  const shownTo = items.length > 0 ? f.offset + items.length : 0;
  return { items, total: Math.max(cap, shownTo), totalExact: false, nextCursor };
}

/** The rows after the cursor's in its sort's order, as a condition the order's index ranges on. */
function keysetAfter(c: DemandCursor, p: (value: unknown) => string): string {
  const received = `${p(c.receivedAt)}::timestamptz`;
  const id = `${p(c.demandId)}::uuid`;
  if (c.sort === 'received')
    // Newest first, then by id: the same instant and a later id, or an earlier instant.
    return `v.received_at <= ${received} AND (v.received_at < ${received} OR v.demand_id > ${id})`;
  return `(v.status_group, v.due_key, v.received_at, v.demand_id)
          > (${p(c.group)}::smallint, ${p(c.dueKey)}::timestamptz, ${received}, ${id})`;
}
