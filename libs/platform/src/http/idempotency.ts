import { createHash, createHmac, randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { CodedError, ValidationError } from '@yishi/domain';

/** The request header, as in Stripe's API and the IETF draft (draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer that was replayed from the store rather than produced by running the request. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** Visible ASCII, 1 to 255 characters: UUIDs, ULIDs and most client schemes fit. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** How long a reservation holds a key while its request runs; a crash leaves one that lapses. */
const LEASE_SECONDS = 60;
/** The fingerprint of a released reservation: no request's (an HMAC is 64 hex digits). */
const UNBOUND = '';

/** A retry arrived while the first request with the key is still running. */
export class IdempotencyKeyInUseError extends CodedError {
  readonly code = 'IDEMPOTENCY_KEY_IN_USE';
}

/** The key was used before with a different request (method, path or body). */
export class IdempotencyKeyReusedError extends CodedError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
}

/**
 * A stored answer (a success) sent again exactly as the first time (thrown by the write
 * guard, sent by the exception filter with its status and body as they were).
 */
export class ReplayedResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super('replayed');
    this.name = 'ReplayedResponse';
  }
}

/** The header's value, checked: undefined when absent; a bad one is a 400 naming the header. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problems: string[] = [];
  if (Array.isArray(value)) problems.push('send the header once');
  else if (!KEY_PATTERN.test(value))
    problems.push('1 to 255 visible ASCII characters (letters, digits, - _ . : and the like)');
  if (problems.length > 0 || typeof value !== 'string')
    throw new ValidationError('请求头 Idempotency-Key 的格式不正确', {
      fields: [{ field: IDEMPOTENCY_KEY_HEADER, problems }],
    });
  return value;
}

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * HMAC-SHA256, under a server secret, of the method, the path (with its query) and the canonical
 * body (text bodies as sent). Keyed, so the stored fingerprint of a body holding personal numbers
 * (a real-name binding's certificate and ID numbers) cannot be searched by guessing bodies.
 */
export function requestFingerprint(
  key: Buffer,
  method: string,
  path: string,
  body: unknown,
): string {
  const canonical =
    typeof body === 'string' ? `text:${body}` : body === undefined ? '' : canonicalJson(body);
  return createHmac('sha256', key)
    .update(`${method.toUpperCase()}\n${path}\n${canonical}`, 'utf8')
    .digest('hex');
}

/**
 * An id derived from the reservation's request id, so a request run twice (its first run crashed
 * after writing, its reservation lapsed) names the same case, demand or meeting the second time and
 * the domain refuses the duplicate (ALREADY_EXISTS) instead of creating two. A UUID (version 4 bits).
 */
export function idFromKey(requestId: string, purpose: string): string {
  const h = createHash('sha256').update(`${requestId}\n${purpose}`, 'utf8').digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x40;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyScope {
  /** `user:<id>`, or `addr:<ip>` for an anonymous request. */
  readonly principal: string;
  /** Method and route template, e.g. `POST /api/v1/cases/:caseId/demands`. */
  readonly route: string;
  readonly key: string;
}

export type Reservation =
  | { readonly outcome: 'reserved'; readonly leaseId: string; readonly requestId: string }
  | { readonly outcome: 'replay'; readonly status: number; readonly body: string | null }
  | { readonly outcome: 'in-progress' }
  | { readonly outcome: 'mismatch' };

/**
 * The keys in PostgreSQL, shared by every API process. A request first reserves its key (one
 * INSERT; a concurrent duplicate finds the reservation and gets 409), runs, then stores its answer
 * under the reservation's lease. See docs/http-hardening.md for why this is not one transaction
 * with the command's events, and what keeps a crash between the two from writing twice.
 */
export class IdempotencyStore {
  constructor(
    private readonly pool: Pool,
    private readonly ttlHours: number,
  ) {}

  async reserve(scope: IdempotencyScope, fingerprint: string): Promise<Reservation> {
    for (let attempt = 0; attempt < 3; attempt++) {
      // A key seen before (a retry, the reason keys exist) costs one read and no write.
      const seen = await this.lookup(scope, fingerprint);
      if (seen !== undefined && seen !== 'lapsed') return seen;
      // New, expired, released by a refused request, or a reservation whose request's lease lapsed
      // (it crashed): take it.
      const leaseId = randomUUID();
      // An expired row starts a new request (new request id, new expiry); a lapsed lease is the
      // same request again and keeps both.
      const { rows } = await this.pool.query<{ lease_id: string; request_id: string }>(
        `INSERT INTO idempotency_keys AS t (principal, route, key, fingerprint, state, request_id,
                                            lease_id, locked_until, expires_at)
         VALUES ($1, $2, $3, $4, 'running', $5, $5, now() + make_interval(secs => $6),
                 now() + make_interval(hours => $7))
         ON CONFLICT (principal, route, key) DO UPDATE
           SET fingerprint = excluded.fingerprint, state = 'running', lease_id = excluded.lease_id,
               locked_until = excluded.locked_until, response_status = NULL, response_body = NULL,
               completed_at = NULL,
               request_id = CASE WHEN t.expires_at <= now() THEN excluded.request_id
                                 ELSE t.request_id END,
               created_at = CASE WHEN t.expires_at <= now() THEN now() ELSE t.created_at END,
               expires_at = CASE WHEN t.expires_at <= now() THEN excluded.expires_at
                                 ELSE t.expires_at END
           WHERE t.expires_at <= now()
              OR (t.state = 'running' AND t.fingerprint = $8)
              OR (t.state = 'running' AND t.locked_until <= now()
                  AND t.fingerprint = excluded.fingerprint)
         RETURNING lease_id, request_id`,
        [
          scope.principal,
          scope.route,
          scope.key,
          fingerprint,
          leaseId,
          LEASE_SECONDS,
          this.ttlHours,
          UNBOUND,
        ],
      );
      const won = rows[0];
      if (won?.lease_id === leaseId)
        return { outcome: 'reserved', leaseId, requestId: won.request_id };
      // Lost the race to a concurrent duplicate (or the row changed in between): look again.
      const after = await this.lookup(scope, fingerprint);
      if (after !== undefined && after !== 'lapsed') return after;
    }
    return { outcome: 'in-progress' };
  }

  /** The live row's verdict; 'lapsed': a reservation nobody holds any more (crashed or released); undefined: none. */
  private async lookup(
    scope: IdempotencyScope,
    fingerprint: string,
  ): Promise<Exclude<Reservation, { outcome: 'reserved' }> | 'lapsed' | undefined> {
    const { rows } = await this.pool.query<{
      fingerprint: string;
      state: 'running' | 'done';
      lapsed: boolean;
      response_status: number | null;
      response_body: string | null;
    }>(
      `SELECT fingerprint, state, locked_until <= now() AS lapsed, response_status, response_body
         FROM idempotency_keys
        WHERE principal = $1 AND route = $2 AND key = $3 AND expires_at > now()`,
      [scope.principal, scope.route, scope.key],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    // Released by a refused request: free for any request, the corrected one included.
    if (row.state === 'running' && row.fingerprint === UNBOUND) return 'lapsed';
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.state === 'done' && row.response_status !== null)
      return { outcome: 'replay', status: row.response_status, body: row.response_body };
    return row.lapsed ? 'lapsed' : { outcome: 'in-progress' };
  }

  /** Stores the answer; a no-op when the lease was lost (the request ran past it and was retried). */
  async complete(
    scope: IdempotencyScope,
    leaseId: string,
    status: number,
    body: string | null,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys
          SET state = 'done', response_status = $5, response_body = $6, completed_at = now(),
              locked_until = NULL
        WHERE principal = $1 AND route = $2 AND key = $3 AND lease_id = $4`,
      [scope.principal, scope.route, scope.key, leaseId, status, body],
    );
  }

  /**
   * Unbinds the key of a request that was refused (4xx) or failed (5xx): nothing was written, so
   * the next request with the key runs, whatever its body (the corrected form). The row stays, with
   * its `request_id`: should a crashed earlier run of the key have written after all (see
   * docs/http-hardening.md), the next run still derives the same ids and the domain refuses the
   * duplicate instead of writing a second one.
   */
  async release(scope: IdempotencyScope, leaseId: string): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET fingerprint = $5, locked_until = NULL
        WHERE principal = $1 AND route = $2 AND key = $3 AND lease_id = $4 AND state = 'running'`,
      [scope.principal, scope.route, scope.key, leaseId, UNBOUND],
    );
  }

  /** Deletes expired keys, a batch at a time; returns how many. */
  async prune(batch = 5000): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT $1))`,
        [batch],
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < batch) return total;
    }
  }
}
