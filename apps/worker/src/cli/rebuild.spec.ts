import { summary, usage } from './rebuild';

describe('rebuild CLI text', () => {
  it('prints a one-line summary with a grouped rate', () => {
    expect(summary('stream-catalogue', 123_456, 2.1)).toBe(
      'rebuilt stream-catalogue: 123456 events in 2.1 s (58,789 events/s)',
    );
    expect(summary('stream-catalogue', 0, 0)).toBe(
      'rebuilt stream-catalogue: 0 events in 0.0 s (0 events/s)',
    );
  });

  it('lists every projection in the usage', () => {
    expect(usage()).toMatch(/^usage: npm run rebuild -- <projection>/);
    expect(usage()).toMatch(/^ {2}stream-catalogue {2}tables: stream_catalogue$/m);
  });
});
