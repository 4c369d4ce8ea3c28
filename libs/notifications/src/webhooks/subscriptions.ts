import { randomBytes, randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { AlreadyExistsError, NotFoundError, ValidationError } from '@yishi/domain';
import { recordAudit } from '@yishi/registry';
import { type Db } from '../db';

/** A community's subscriptions are few; a cap keeps one notification's fan-out bounded. */
export const MAX_WEBHOOKS_PER_COMMUNITY = 20;
export const WEBHOOK_URL_MAX_LENGTH = 2048;
export const WEBHOOK_SECRET_MIN_LENGTH = 16;
export const WEBHOOK_SECRET_MAX_LENGTH = 256;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * `https://` anywhere; plain `http://` only to a loopback host (a receiver on the same machine, in
 * development and tests), since a signed body sent in clear over a network is readable by anyone on
 * the path. No credentials in the URL (they would be stored and shown); no fragments.
 */
export function validateWebhookUrl(raw: string): string {
  const fail = (problem: string): never => {
    throw new ValidationError(`回调地址不可用（${problem}）`, {
      fields: [{ field: 'url', problems: [problem] }],
    });
  };
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) fail(`at most ${WEBHOOK_URL_MAX_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('must be https://');
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    fail('must be https:// (plain http:// only for localhost, 127.0.0.1 or [::1])');
  if (url.username !== '' || url.password !== '') fail('must not contain credentials');
  if (url.hash !== '') fail('must not contain a fragment');
  return url.toString();
}

export interface WebhookSubscriptionView {
  readonly id: string;
  readonly communityId: string;
  readonly url: string;
  readonly active: boolean;
  readonly createdAt: string;
}

/** Returned once, at creation: the only time the secret leaves the platform. */
export interface CreatedWebhookSubscription extends WebhookSubscriptionView {
  readonly secret: string;
}

interface Row {
  id: string;
  community_id: string;
  url: string;
  active: boolean;
  created_at: Date;
}

const view = (r: Row): WebhookSubscriptionView => ({
  id: r.id,
  communityId: r.community_id,
  url: r.url,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});

export async function createWebhookSubscription(
  pool: Pool,
  actorId: string,
  communityId: string,
  input: { url: string; secret?: string },
): Promise<CreatedWebhookSubscription> {
  const url = validateWebhookUrl(input.url);
  const secret = input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
  if (secret.length < WEBHOOK_SECRET_MIN_LENGTH || secret.length > WEBHOOK_SECRET_MAX_LENGTH)
    throw new ValidationError('回调密钥不符合要求', {
      fields: [
        {
          field: 'secret',
          problems: [`${WEBHOOK_SECRET_MIN_LENGTH} to ${WEBHOOK_SECRET_MAX_LENGTH} characters`],
        },
      ],
    });
  return inTransaction(pool, async (db) => {
    // The community row lock serialises creations, so the cap holds under concurrency.
    await db.query(`SELECT 1 FROM communities WHERE id = $1 FOR UPDATE`, [communityId]);
    const { rows: count } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM webhook_subscriptions
        WHERE community_id = $1 AND deleted_at IS NULL`,
      [communityId],
    );
    if (Number(count[0]?.n ?? 0) >= MAX_WEBHOOKS_PER_COMMUNITY)
      throw new ValidationError(
        `每个社区最多 ${MAX_WEBHOOKS_PER_COMMUNITY} 个回调订阅，请先删除一个`,
        { limit: MAX_WEBHOOKS_PER_COMMUNITY },
      );
    try {
      const { rows } = await db.query<Row>(
        `INSERT INTO webhook_subscriptions (id, community_id, url, secret, created_by)
         VALUES ($1, $2, $3, $4, $5)
         RETURNING id, community_id, url, active, created_at`,
        [randomUUID(), communityId, url, secret, actorId],
      );
      const created = view(rows[0]!);
      await recordAudit(db, {
        communityId,
        actorId,
        action: 'webhook.created',
        entity: 'webhook',
        entityId: created.id,
        data: { url },
      });
      return { ...created, secret };
    } catch (error) {
      if (uniqueViolation(error) === 'webhook_subscriptions_url_key')
        throw new AlreadyExistsError('本社区已有这个回调地址的订阅', {
          field: 'url',
        });
      throw error;
    }
  });
}

/** The community's webhooks, oldest first; never their secrets. */
export async function listWebhookSubscriptions(
  db: Db,
  communityId: string,
): Promise<WebhookSubscriptionView[]> {
  const { rows } = await db.query<Row>(
    `SELECT id, community_id, url, active, created_at FROM webhook_subscriptions
      WHERE community_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
    [communityId],
  );
  return rows.map(view);
}

/**
 * Stops deliveries to a webhook. The row stays (deactivated, marked deleted) so its delivery
 * history and dead letters remain readable; pending deliveries to it are dead-lettered by the next
 * attempt.
 */
export async function deleteWebhookSubscription(
  pool: Pool,
  actorId: string,
  communityId: string,
  webhookId: string,
): Promise<void> {
  await inTransaction(pool, async (db) => {
    const { rows } = await db.query<{ url: string }>(
      `UPDATE webhook_subscriptions SET active = false, deleted_at = now()
        WHERE id = $1 AND community_id = $2 AND deleted_at IS NULL
        RETURNING url`,
      [webhookId, communityId],
    );
    if (rows[0] === undefined) throw new NotFoundError('找不到该回调订阅', { webhookId });
    await recordAudit(db, {
      communityId,
      actorId,
      action: 'webhook.deleted',
      entity: 'webhook',
      entityId: webhookId,
      data: { url: rows[0].url },
    });
  });
}
