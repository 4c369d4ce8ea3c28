import { createHmac } from 'node:crypto';

/**
 * DingTalk's signed group robots (加签): the robot's URL gets `timestamp` (milliseconds) and
 * `sign` = urlencode(base64(HMAC-SHA256(key = secret, message = `${timestamp}\n${secret}`))), as
 * DingTalk's custom-robot documentation gives it. DingTalk refuses a timestamp more than an hour
 * from its clock, so every attempt signs afresh.
 */

/** The `sign` parameter's value, before URL encoding. */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0)
    throw new Error('timestamp must be whole unix milliseconds');
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot's URL with `timestamp` and `sign` added (URLSearchParams does the URL encoding). */
export function signedDingTalkUrl(webhookUrl: string, secret: string, timestampMs: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', dingTalkSignature(secret, timestampMs));
  return url.toString();
}
