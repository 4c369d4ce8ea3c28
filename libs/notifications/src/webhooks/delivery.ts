import { type Party } from '@yishi/domain';
import { type NotificationKind, type NotificationRequest } from '@yishi/messaging';
import { type Db } from '../db';
import { classifyHttpStatus, type DeliveryOutcome } from '../retry';
import { renderNotification } from '../templates';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from './signing';

export interface WebhookDeliveryOptions {
  /** One POST's time limit, connection to last byte. */
  readonly timeoutMs: number;
  /** After this many attempts a delivery that still fails is dead-lettered. */
  readonly maxAttempts: number;
  /** The job's last attempt: whatever still fails now is dead-lettered, whatever its count. */
  readonly finalAttempt: boolean;
}

/** Totals over the notification's deliveries (every subscription of the community). */
export interface WebhookDeliveryResult {
  readonly delivered: number;
  readonly dead: number;
  /** Still to retry (or being posted by another run of the same job). */
  readonly pending: number;
}

/** What a receiver gets (plus `id`, the delivery's id, also sent as X-Yishi-Event-Id). */
export function webhookPayload(
  request: NotificationRequest,
  party: Party,
): Record<string, unknown> {
  const { title, body } = renderNotification(request, party);
  return {
    sourceEventId: request.sourceEventId,
    kind: request.kind,
    communityId: request.communityId,
    caseId: request.caseId,
    caseTitle: request.caseTitle,
    party,
    stage: request.stage ?? null,
    deadline: request.deadline ?? null,
    subject: request.subject ?? null,
    title,
    body,
  };
}

interface Claimed {
  id: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  secret: string;
}

interface Attempt {
  readonly outcome: DeliveryOutcome;
  readonly status: number | null;
  readonly error: string | null;
}

const ERROR_TEXT_MAX = 500;

/** One signed POST. Never throws: every failure is an outcome. */
export async function postWebhook(
  target: { id: string; url: string; secret: string },
  payload: Record<string, unknown>,
  timeoutMs: number,
): Promise<Attempt> {
  const rawBody = JSON.stringify({ id: target.id, ...payload });
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Yishi-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(target.secret, rawBody, timestamp),
        [EVENT_ID_HEADER]: target.id,
      },
      body: rawBody,
      // A redirect would resend the signed body somewhere unreviewed: it counts as an answer.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text().catch(() => '');
    const outcome = classifyHttpStatus(res.status);
    return {
      outcome,
      status: res.status,
      error: outcome === 'delivered' ? null : `HTTP ${res.status} ${text}`.slice(0, ERROR_TEXT_MAX),
    };
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; cause?: { code?: unknown } };
    const reason =
      e.name === 'TimeoutError' || e.name === 'AbortError'
        ? `timed out after ${timeoutMs} ms`
        : `${String(e.message ?? error)}${typeof e.cause?.code === 'string' ? ` (${e.cause.code})` : ''}`;
    return { outcome: 'retry', status: null, error: reason.slice(0, ERROR_TEXT_MAX) };
  }
}

/**
 * Posts one party's notification to every active webhook of its community. Each delivery is a row
 * (unique per subscription, event, kind and party), so a retried job posts only what has not
 * succeeded yet. A row is leased while it is being posted, so two runs of one job (a stalled job
 * picked up again) do not post it twice at once.
 */
export async function deliverWebhooks(
  db: Db,
  request: NotificationRequest,
  party: Party,
  options: WebhookDeliveryOptions,
): Promise<WebhookDeliveryResult> {
  const key = [request.sourceEventId, request.kind, party] as const;
  await db.query(
    `INSERT INTO webhook_deliveries (id, subscription_id, source_event_id, kind, party, payload)
     SELECT gen_random_uuid(), s.id, $2, $3, $4, $5
       FROM webhook_subscriptions s
      WHERE s.community_id = $1 AND s.active AND s.deleted_at IS NULL
     ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
    [request.communityId, ...key, webhookPayload(request, party)],
  );
  // A webhook deleted since its delivery was created: nobody to deliver to any more.
  await db.query(
    `UPDATE webhook_deliveries d
        SET status = 'dead', dead_at = now(), last_error = 'webhook deleted', locked_until = NULL
       FROM webhook_subscriptions s
      WHERE s.id = d.subscription_id AND NOT s.active
        AND d.source_event_id = $1 AND d.kind = $2 AND d.party = $3 AND d.status = 'pending'`,
    [...key],
  );
  const leaseMs = options.timeoutMs + 30_000;
  const { rows: claimed } = await db.query<Claimed>(
    `UPDATE webhook_deliveries d
        SET attempts = d.attempts + 1,
            locked_until = now() + make_interval(secs => $4::double precision / 1000)
       FROM webhook_subscriptions s
      WHERE s.id = d.subscription_id AND s.active
        AND d.source_event_id = $1 AND d.kind = $2 AND d.party = $3 AND d.status = 'pending'
        AND (d.locked_until IS NULL OR d.locked_until < now())
      RETURNING d.id, d.payload, d.attempts, s.url, s.secret`,
    [...key, leaseMs],
  );
  await Promise.all(
    claimed.map(async (row) => {
      const attempt = await postWebhook(row, row.payload, options.timeoutMs);
      const giveUp = options.finalAttempt || row.attempts >= options.maxAttempts;
      const status: 'delivered' | 'dead' | 'pending' =
        attempt.outcome === 'delivered'
          ? 'delivered'
          : attempt.outcome === 'dead' || giveUp
            ? 'dead'
            : 'pending';
      await db.query(
        `UPDATE webhook_deliveries
            SET status = $2, last_status = $3, last_error = $4, locked_until = NULL,
                delivered_at = CASE WHEN $2 = 'delivered' THEN now() END,
                dead_at = CASE WHEN $2 = 'dead' THEN now() END
          WHERE id = $1`,
        [row.id, status, attempt.status, attempt.error],
      );
    }),
  );
  const { rows } = await db.query<{ delivered: number; dead: number; pending: number }>(
    `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            count(*) FILTER (WHERE status = 'pending')::int AS pending
       FROM webhook_deliveries WHERE source_event_id = $1 AND kind = $2 AND party = $3`,
    [...key],
  );
  return rows[0] ?? { delivered: 0, dead: 0, pending: 0 };
}

export interface DeadLetterView {
  readonly id: string;
  readonly webhookId: string;
  readonly communityId: string;
  readonly url: string;
  readonly sourceEventId: string;
  readonly kind: NotificationKind;
  readonly party: Party;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly deadAt: string;
}

/** Dead-lettered webhook deliveries, newest first; all communities unless one is named. */
export async function listDeadLetters(
  db: Db,
  filter: { communityId?: string; limit: number; offset: number },
): Promise<{ items: DeadLetterView[]; total: number }> {
  const scoped = filter.communityId !== undefined;
  const where = `d.status = 'dead'${scoped ? ' AND s.community_id = $1' : ''}`;
  const scope: unknown[] = scoped ? [filter.communityId] : [];
  const n = scope.length;
  const [page, count] = await Promise.all([
    db.query<{
      id: string;
      subscription_id: string;
      community_id: string;
      url: string;
      source_event_id: string;
      kind: NotificationKind;
      party: Party;
      payload: Record<string, unknown>;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      created_at: Date;
      dead_at: Date;
    }>(
      `SELECT d.id, d.subscription_id, s.community_id, s.url, d.source_event_id, d.kind, d.party,
              d.payload, d.attempts, d.last_status, d.last_error, d.created_at, d.dead_at
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE ${where}
        ORDER BY d.dead_at DESC, d.id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...scope, filter.limit, filter.offset],
    ),
    db.query<{ n: string }>(
      `SELECT count(*) AS n
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE ${where}`,
      scope,
    ),
  ]);
  return {
    items: page.rows.map((r) => ({
      id: r.id,
      webhookId: r.subscription_id,
      communityId: r.community_id,
      url: r.url,
      sourceEventId: r.source_event_id,
      kind: r.kind,
      party: r.party,
      payload: r.payload,
      attempts: r.attempts,
      lastStatus: r.last_status,
      lastError: r.last_error,
      createdAt: r.created_at.toISOString(),
      deadAt: r.dead_at.toISOString(),
    })),
    total: Number(count.rows[0]?.n ?? 0),
  };
}
