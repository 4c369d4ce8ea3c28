import { NotFoundError, type Party } from '@yishi/domain';
import { type NotificationKind, type NotificationRequest } from '@yishi/messaging';
import { type Db } from './db';
import { recipientCondition } from './recipients';
import { renderNotification, renderPublication, type RenderedNotification } from './templates';

export interface NotificationView {
  readonly id: string;
  readonly caseId: string | null;
  readonly communityId: string;
  readonly party: Party | null;
  readonly kind: NotificationKind;
  readonly stage: string | null;
  /** The resolution of a vote's notification (voting-opened, vote-reminder …), else null. */
  readonly resolutionId: string | null;
  /** The demand of a ledger notice (demand-reminder …), else null. */
  readonly demandId: string | null;
  /** The whistle of a whistle notice (whistle-issued …), else null. */
  readonly whistleId: string | null;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

interface Row {
  id: string;
  case_id: string | null;
  community_id: string;
  party: Party | null;
  kind: NotificationKind;
  stage: string | null;
  resolution_id: string | null;
  demand_id: string | null;
  whistle_id: string | null;
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `id, case_id, community_id, party, kind, stage, resolution_id, demand_id,
  whistle_id, title, body, created_at, read_at`;

const view = (r: Row): NotificationView => ({
  id: r.id,
  caseId: r.case_id,
  communityId: r.community_id,
  party: r.party,
  kind: r.kind,
  stage: r.stage,
  resolutionId: r.resolution_id,
  demandId: r.demand_id,
  whistleId: r.whistle_id,
  title: r.title,
  body: r.body,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at === null ? null : r.read_at.toISOString(),
});

/**
 * One inbox row for every recipient of the parties' notification (one party, or several at once),
 * in one statement; each party's rows carry that party's text. The unique key (source_event_id,
 * recipient_id, kind) is the idempotency guard, so here, and only because the key *is* that guard,
 * ON CONFLICT DO NOTHING is right: a replayed or retried job adds nothing. Returns how many rows
 * this call added.
 */
export async function deliverToInbox(
  db: Db,
  request: NotificationRequest,
  parties: Party | readonly Party[],
): Promise<{ inserted: number }> {
  const list: readonly Party[] = typeof parties === 'string' ? [parties] : parties;
  const texts = list.map((party) => renderNotification(request, party));
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, recipient_id, community_id, case_id, party, kind, stage, title, body, source_event_id,
        resolution_id)
     SELECT gen_random_uuid(), m.user_id, $1, $3, p.party, $4, $5, p.title, p.body, $8, $9
       FROM unnest($2::text[], $6::text[], $7::text[]) WITH ORDINALITY AS p(party, title, body, n)
       JOIN memberships m ON ${recipientCondition(request.kind, 'p.party', '$10')}
      ORDER BY p.n
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    [
      request.communityId,
      list,
      request.caseId,
      request.kind,
      request.stage ?? null,
      texts.map((t) => t.title),
      texts.map((t) => t.body),
      request.sourceEventId,
      request.resolutionId ?? null,
      request.estate ?? null,
    ],
  );
  return { inserted: rowCount ?? 0 };
}

/**
 * A publication (公示) to named users, e.g. every owner in a vote's electorate, as inbox rows
 * without a party, in one statement. Idempotent by the same unique key as party deliveries, so a
 * resident who is also a party member gets the notice once.
 */
export function deliverToUsers(
  db: Db,
  request: NotificationRequest,
  userIds: readonly string[],
): Promise<{ inserted: number }> {
  return deliverWithoutParty(
    db,
    request,
    renderPublication(request),
    `SELECT id AS user_id FROM users WHERE id = ANY ($8::uuid[])`,
    userIds,
  );
}

/**
 * The residents' inbox rows of one notification (e.g. `evaluation-opened`): one per registered
 * owner of the given units (a case's scope), whatever their number of units; no party. The same
 * unique key as the parties' rows makes a retry add nothing. Returns how many rows were added.
 */
export function deliverToResidents(
  db: Db,
  request: NotificationRequest,
  unitIds: readonly string[],
): Promise<{ inserted: number }> {
  return deliverWithoutParty(
    db,
    request,
    renderNotification(request, 'resident-representatives'),
    `SELECT DISTINCT user_id FROM unit_owners WHERE community_id = $1 AND unit_id = ANY ($8::uuid[])`,
    unitIds,
  );
}

/**
 * Inbox rows without a party, each user with a text of their own (a vote reminder names the user's
 * rooms), in one statement. Idempotent by the same unique key as every delivery: the request's
 * `sourceEventId` and kind, and the user. Returns how many rows were added.
 */
export async function deliverPersonal(
  db: Db,
  request: NotificationRequest,
  rows: readonly { readonly userId: string; readonly text: RenderedNotification }[],
): Promise<{ inserted: number }> {
  if (rows.length === 0) return { inserted: 0 };
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, recipient_id, community_id, case_id, party, kind, stage, title, body, source_event_id,
        resolution_id, demand_id, whistle_id)
     SELECT gen_random_uuid(), u.id, $1, $2, NULL, $3, $4, r.title, r.body, $5, $9, $10, $11
       FROM unnest($6::uuid[], $7::text[], $8::text[]) AS r(user_id, title, body)
       JOIN users u ON u.id = r.user_id
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    [
      request.communityId,
      request.caseId,
      request.kind,
      request.stage ?? null,
      request.sourceEventId,
      rows.map((r) => r.userId),
      rows.map((r) => r.text.title),
      rows.map((r) => r.text.body),
      request.resolutionId ?? null,
      request.demandId ?? null,
      request.whistleId ?? null,
    ],
  );
  return { inserted: rowCount ?? 0 };
}

/** Inbox rows without a party for the users `recipients` selects (a query over `$8`, the ids). */
async function deliverWithoutParty(
  db: Db,
  request: NotificationRequest,
  text: { title: string; body: string },
  recipients: string,
  ids: readonly string[],
): Promise<{ inserted: number }> {
  if (ids.length === 0) return { inserted: 0 };
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, recipient_id, community_id, case_id, party, kind, stage, title, body, source_event_id,
        resolution_id)
     SELECT gen_random_uuid(), r.user_id, $1, $2, NULL, $3, $4, $5, $6, $7, $9
       FROM (${recipients}) r
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    [
      request.communityId,
      request.caseId,
      request.kind,
      request.stage ?? null,
      text.title,
      text.body,
      request.sourceEventId,
      ids,
      request.resolutionId ?? null,
    ],
  );
  return { inserted: rowCount ?? 0 };
}

export interface InboxPageOptions {
  readonly unread?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** The user's notifications, newest first. */
export async function listInbox(
  db: Db,
  userId: string,
  query: InboxPageOptions,
): Promise<{ items: NotificationView[]; total: number }> {
  const where = `recipient_id = $1${query.unread === true ? ' AND read_at IS NULL' : ''}`;
  const [page, count] = await Promise.all([
    db.query<Row>(
      `SELECT ${COLUMNS} FROM notifications WHERE ${where}
        ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [userId, query.limit, query.offset],
    ),
    db.query<{ n: string }>(`SELECT count(*) AS n FROM notifications WHERE ${where}`, [userId]),
  ]);
  return { items: page.rows.map(view), total: Number(count.rows[0]?.n ?? 0) };
}

/**
 * Marks one of the user's notifications read (the first time counts; again is a no-op). Someone
 * else's notification is "not found", exactly like one that does not exist: never reveal it.
 */
export async function markRead(db: Db, userId: string, id: string): Promise<NotificationView> {
  const { rows } = await db.query<Row>(
    `UPDATE notifications SET read_at = coalesce(read_at, now())
      WHERE id = $1 AND recipient_id = $2
      RETURNING ${COLUMNS}`,
    [id, userId],
  );
  const row = rows[0];
  if (row === undefined) throw new NotFoundError('找不到该通知', { id });
  return view(row);
}
