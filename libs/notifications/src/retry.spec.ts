import { classifyHttpStatus, fullJitterDelay } from './retry';

describe('retry policy', () => {
  const policy = { baseMs: 1_000, capMs: 60_000 };

  it('full jitter: uniformly between 0 and min(cap, base·2^(n-1))', () => {
    expect(fullJitterDelay(1, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(1, policy, () => 0.999_999)).toBe(1_000);
    expect(fullJitterDelay(2, policy, () => 0.999_999)).toBe(2_000);
    expect(fullJitterDelay(4, policy, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay(7, policy, () => 0.999_999)).toBe(60_000);
    expect(fullJitterDelay(1_000, policy, () => 0.999_999)).toBe(60_000);
  });

  it('stays within its bounds for random draws', () => {
    for (let n = 1; n < 30; n++)
      for (let i = 0; i < 50; i++) {
        const d = fullJitterDelay(n, policy);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.min(60_000, 1_000 * 2 ** (n - 1)));
        expect(Number.isInteger(d)).toBe(true);
      }
  });

  it('2xx delivered; 408, 429 and 5xx retried; any other answer is final', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(classifyHttpStatus(s)).toBe('delivered');
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyHttpStatus(s)).toBe('retry');
    for (const s of [301, 302, 400, 401, 403, 404, 410, 413, 422])
      expect(classifyHttpStatus(s)).toBe('dead');
  });
});
