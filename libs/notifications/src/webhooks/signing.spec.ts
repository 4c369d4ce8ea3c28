import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './signing';

const secret = 'whsec_test_secret_0123456789';
const body = '{"kind":"stage-entered","title":"案件进入「分析研判」阶段"}';
const t = 1_767_225_600;

describe('webhook signatures', () => {
  it('is HMAC-SHA256 over "<t>.<raw body>" in hex, with the timestamp in the header', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature within the tolerance window', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhook(secret, body, header, { now: t })).toEqual({ ok: true, timestamp: t });
    expect(verifyWebhook(secret, body, header, { now: t + 300 }).ok).toBe(true);
    expect(verifyWebhook(secret, body, header, { now: t - 300 }).ok).toBe(true);
  });

  it('refuses an old or future timestamp (replay)', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhook(secret, body, header, { now: t + 301 })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyWebhook(secret, body, header, { now: t - 301 }).ok).toBe(false);
    expect(verifyWebhook(secret, body, header, { now: t + 3600, toleranceSeconds: 7200 }).ok).toBe(
      true,
    );
  });

  it('refuses a changed body, another secret, or a timestamp moved without re-signing', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhook(secret, `${body} `, header, { now: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyWebhook('another-secret-value', body, header, { now: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    const moved = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifyWebhook(secret, body, moved, { now: t })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses malformed headers without throwing', () => {
    for (const header of [
      undefined,
      '',
      'garbage',
      `t=${t}`,
      'v1=abc',
      `t=x,v1=${'0'.repeat(64)}`,
      `t=${t},v1=${'g'.repeat(64)}`,
      `t=${t},v1=${'0'.repeat(63)}`,
    ])
      expect(verifyWebhook(secret, body, header, { now: t })).toEqual({
        ok: false,
        reason: 'malformed',
      });
  });

  it('accepts any matching v1 (secret rotation) and ignores unknown schemes', () => {
    const good = signWebhook(secret, body, t).split(',')[1]!;
    const header = `t=${t},v0=zzz,v1=${'0'.repeat(64)},${good}`;
    expect(verifyWebhook(secret, body, header, { now: t }).ok).toBe(true);
  });

  it('refuses a non-integer timestamp when signing', () => {
    expect(() => signWebhook(secret, body, 1.5)).toThrow();
  });
});
