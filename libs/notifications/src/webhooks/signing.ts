import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, in the style of Stripe's: `X-Yishi-Signature: t=<unix seconds>,v1=<hex>`
 * where v1 = HMAC-SHA256(secret, `${t}.${rawBody}`). The timestamp inside the MAC stops a captured
 * request being replayed after the tolerance window.
 */
export const SIGNATURE_HEADER = 'X-Yishi-Signature';
export const EVENT_ID_HEADER = 'X-Yishi-Event-Id';
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/** The header value for `rawBody` at `timestamp` (unix seconds). */
export function signWebhook(secret: string, rawBody: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0)
    throw new Error('timestamp must be whole unix seconds');
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`;
}

export type VerifyResult =
  | { readonly ok: true; readonly timestamp: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'expired' | 'mismatch' };

/**
 * What a receiver runs: parses the header, checks the timestamp is within `toleranceSeconds` of
 * `now` and compares the MAC in constant time. Several `v1=` entries (a secret being rotated) pass
 * if any matches.
 */
export function verifyWebhook(
  secret: string,
  rawBody: string,
  header: string | undefined,
  options: { now?: number; toleranceSeconds?: number } = {},
): VerifyResult {
  if (header === undefined) return { ok: false, reason: 'malformed' };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: 'malformed' };
      signatures.push(value);
    }
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(hmac(secret, timestamp, rawBody), 'hex');
  // Every candidate is compared (no early exit): the time taken says nothing about which failed.
  let match = false;
  for (const s of signatures) {
    const given = Buffer.from(s, 'hex');
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
