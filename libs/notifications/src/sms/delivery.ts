import { type Party } from '@yishi/domain';
import { type NotificationKind, type NotificationRequest } from '@yishi/messaging';
import { type Db } from '../db';
import { recipientCondition, recipientParams } from '../recipients';
import { smsTemplateParams } from '../templates';
import { SmsSendError, type SmsSender } from './sms-sender';

export interface SmsChannel {
  /** Undefined: no provider configured (SMS_PROVIDER=none); deliveries are recorded as skipped. */
  readonly sender: SmsSender | undefined;
  /** The provider's approved template per kind; a kind without one is skipped. */
  readonly templateCodes: Readonly<Partial<Record<NotificationKind, string>>>;
}

export interface SmsDeliveryOptions {
  readonly maxAttempts: number;
  readonly finalAttempt: boolean;
  /** Messages in flight at once for one party (providers throttle per account). */
  readonly concurrency?: number;
  /** How long a row stays leased to one run while it is being sent. */
  readonly leaseMs?: number;
}

export interface SmsDeliveryResult {
  readonly sent: number;
  readonly skipped: number;
  readonly dead: number;
  readonly pending: number;
}

interface Claimed {
  id: string;
  phone: string;
  template_code: string;
  params: Record<string, string>;
  attempts: number;
}

/** Who a notification's SMS goes to: one party's members, or named users (no party). */
export type SmsRecipients = Party | { readonly userIds: readonly string[] };

/**
 * Texts one party's notification (or one to named users) to each recipient with a phone number. One row per event,
 * recipient and kind (unique), so a retry sends only what has not been sent; rows are leased while
 * being sent. Without a provider, a template or a phone number the row is `skipped` (recorded, not
 * failed); a permanent provider error makes it `dead` at once, a retryable one leaves it `pending`
 * for the job's next attempt until `maxAttempts`.
 */
export async function deliverSms(
  db: Db,
  channel: SmsChannel,
  request: NotificationRequest,
  to: SmsRecipients,
  options: SmsDeliveryOptions,
): Promise<SmsDeliveryResult> {
  const party = typeof to === 'string' ? to : null;
  const templateCode = channel.templateCodes[request.kind] ?? null;
  const skipReason =
    channel.sender === undefined
      ? 'no SMS provider configured (SMS_PROVIDER=none)'
      : templateCode === null
        ? `no SMS template for ${request.kind} (SMS_TEMPLATE_CODES)`
        : null;
  // The recipients: the party's members (recipientCondition over `m`), or the named users.
  const [recipient, from, where] =
    party === null
      ? [
          'u.id',
          'users u',
          // $9 (the estate) is the parties' alone; typed here so PostgreSQL accepts it unused.
          `u.id = ANY ($2::uuid[]) AND $1::uuid IS NOT NULL AND ($9::text IS NULL OR TRUE)`,
        ]
      : [
          'm.user_id',
          'memberships m JOIN users u ON u.id = m.user_id',
          recipientCondition(request.kind, '$2', '$9'),
        ];
  await db.query(
    `INSERT INTO sms_deliveries (id, source_event_id, recipient_id, kind, community_id, party, phone,
                                 template_code, params, status, last_error)
     SELECT gen_random_uuid(), $3, ${recipient}, $4, $1, $8, u.phone, $5, $6,
            CASE WHEN $7::text IS NOT NULL OR coalesce(u.phone, '') = '' THEN 'skipped'
                 ELSE 'pending' END,
            CASE WHEN $7::text IS NOT NULL THEN $7::text
                 WHEN coalesce(u.phone, '') = '' THEN 'no phone number' END
       FROM ${from}
      WHERE ${where}
     ON CONFLICT ON CONSTRAINT sms_deliveries_once DO NOTHING`,
    [
      ...(party === null
        ? [request.communityId, typeof to === 'string' ? [] : to.userIds]
        : recipientParams(request.communityId, party)),
      request.sourceEventId,
      request.kind,
      templateCode,
      smsTemplateParams(request, party ?? undefined),
      skipReason,
      party,
      request.estate ?? null,
    ],
  );
  const key = [request.sourceEventId, request.kind, party] as const;
  const sender = channel.sender;
  if (sender === undefined)
    // The provider was switched off since these rows were created: nothing will send them.
    await db.query(
      `UPDATE sms_deliveries SET status = 'skipped', last_error = $4, locked_until = NULL
        WHERE source_event_id = $1 AND kind = $2 AND party IS NOT DISTINCT FROM $3::text
          AND status = 'pending'`,
      [...key, skipReason],
    );
  else {
    const { rows: claimed } = await db.query<Claimed>(
      `UPDATE sms_deliveries
          SET attempts = attempts + 1,
              locked_until = now() + make_interval(secs => $4::double precision / 1000)
        WHERE source_event_id = $1 AND kind = $2 AND party IS NOT DISTINCT FROM $3::text
          AND status = 'pending' AND (locked_until IS NULL OR locked_until < now())
        RETURNING id, phone, template_code, params, attempts`,
      [...key, options.leaseMs ?? 60_000],
    );
    const queue = [...claimed];
    const sendNext = async (): Promise<void> => {
      for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
        let status: 'sent' | 'dead' | 'pending';
        let error: string | null = null;
        let providerId: string | null = null;
        try {
          ({ providerId } = await sender.send({
            phone: row.phone,
            templateCode: row.template_code,
            params: row.params,
          }));
          status = 'sent';
        } catch (e) {
          const retryable = e instanceof SmsSendError ? e.retryable : true;
          error =
            e instanceof SmsSendError ? `${e.code}: ${e.message}` : String((e as Error).message);
          const giveUp = options.finalAttempt || row.attempts >= options.maxAttempts;
          status = retryable && !giveUp ? 'pending' : 'dead';
        }
        await db.query(
          `UPDATE sms_deliveries
              SET status = $2, last_error = $3, provider_id = $4, locked_until = NULL,
                  sent_at = CASE WHEN $2::text = 'sent' THEN now() END
            WHERE id = $1`,
          [row.id, status, error?.slice(0, 500) ?? null, providerId],
        );
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, sendNext));
  }
  const { rows } = await db.query<SmsDeliveryResult>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent,
            count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
            count(*) FILTER (WHERE status = 'dead')::int AS dead,
            count(*) FILTER (WHERE status = 'pending')::int AS pending
       FROM sms_deliveries
      WHERE source_event_id = $1 AND kind = $2 AND party IS NOT DISTINCT FROM $3::text`,
    [...key],
  );
  return rows[0] ?? { sent: 0, skipped: 0, dead: 0, pending: 0 };
}

/** `stage-entered=SMS_123,escalated=SMS_456` → a map; unknown kinds are a configuration error. */
export function parseSmsTemplateCodes(
  text: string | undefined,
  kinds: readonly NotificationKind[],
): Partial<Record<NotificationKind, string>> {
  const codes: Partial<Record<NotificationKind, string>> = {};
  if (text === undefined || text.trim() === '') return codes;
  for (const entry of text.split(',')) {
    const [kind, code] = entry.split('=').map((s) => s.trim());
    if (kind === undefined || code === undefined || code === '')
      throw new Error(`SMS_TEMPLATE_CODES: "${entry}" is not kind=TemplateCode`);
    if (!(kinds as readonly string[]).includes(kind))
      throw new Error(`SMS_TEMPLATE_CODES: unknown notification kind ${kind}`);
    codes[kind as NotificationKind] = code;
  }
  return codes;
}
