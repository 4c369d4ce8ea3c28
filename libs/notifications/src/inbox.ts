import { NotFoundError, type Party } from '@yishi/domain';
import { type NotificationKind, type NotificationRequest } from '@yishi/messaging';
import { type Db } from './db';
import { recipientCondition, recipientParams } from './recipients';
import { renderNotification } from './templates';

export interface NotificationView {
  readonly id: string;
  readonly caseId: string | null;
  readonly communityId: string;
  readonly party: Party | null;
  readonly kind: NotificationKind;
  readonly stage: string | null;
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
  title: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `id, case_id, community_id, party, kind, stage, title, body, created_at, read_at`;

const view = (r: Row): NotificationView => ({
  id: r.id,
  caseId: r.case_id,
  communityId: r.community_id,
  party: r.party,
  kind: r.kind,
  stage: r.stage,
  title: r.title,
  body: r.body,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at === null ? null : r.read_at.toISOString(),
});

/**
 * One inbox row for every recipient of one party's notification, in one statement. The unique key
 * (source_event_id, recipient_id, kind) is the idempotency guard, so here, and only because the key
 * *is* that guard, ON CONFLICT DO NOTHING is right: a replayed or retried job adds nothing.
 * Returns how many rows this call added.
 */
export async function deliverToInbox(
  db: Db,
  request: NotificationRequest,
  party: Party,
): Promise<{ inserted: number }> {
  const { title, body } = renderNotification(request, party);
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, recipient_id, community_id, case_id, party, kind, stage, title, body, source_event_id)
     SELECT gen_random_uuid(), m.user_id, $1, $3, $2, $4, $5, $6, $7, $8
       FROM memberships m
      WHERE ${recipientCondition(request.kind)}
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    [
      ...recipientParams(request.communityId, party),
      request.caseId,
      request.kind,
      request.stage ?? null,
      title,
      body,
      request.sourceEventId,
    ],
  );
  return { inserted: rowCount ?? 0 };
}

export interface InboxQuery {
  readonly unread?: boolean;
  readonly limit: number;
  readonly offset: number;
}

/** The user's notifications, newest first. */
export async function listInbox(
  db: Db,
  userId: string,
  query: InboxQuery,
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
  if (row === undefined) throw new NotFoundError('No such notification', { id });
  return view(row);
}

/**
 * The residents' inbox rows of one notification (e.g. `evaluation-opened`): one per registered
 * owner of the given units (a case's scope), whatever their number of units; no party. The same
 * unique key as the parties' rows makes a retry add nothing. Returns how many rows were added.
 */
export async function deliverToResidents(
  db: Db,
  request: NotificationRequest,
  unitIds: readonly string[],
): Promise<{ inserted: number }> {
  if (unitIds.length === 0) return { inserted: 0 };
  const { title, body } = renderNotification(request, 'resident-representatives');
  const { rowCount } = await db.query(
    `INSERT INTO notifications
       (id, recipient_id, community_id, case_id, party, kind, stage, title, body, source_event_id)
     SELECT gen_random_uuid(), o.user_id, $1, $2, NULL, $3, $4, $5, $6, $7
       FROM (SELECT DISTINCT user_id FROM unit_owners
              WHERE community_id = $1 AND unit_id = ANY ($8::uuid[])) o
     ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING`,
    [
      request.communityId,
      request.caseId,
      request.kind,
      request.stage ?? null,
      title,
      body,
      request.sourceEventId,
      unitIds,
    ],
  );
  return { inserted: rowCount ?? 0 };
}
