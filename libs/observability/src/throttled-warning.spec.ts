import { throttledWarning } from './throttled-warning';

describe('throttledWarning', () => {
  it('logs the first error at once, then at most one line per interval counting the rest', () => {
    const lines: { fields: Record<string, unknown>; message: string }[] = [];
    let clock = 0;
    const warn = throttledWarning(
      { warn: (fields, message) => lines.push({ fields, message }) },
      'Redis connection error',
      { connection: 'yishi-producer' },
      1_000,
      () => clock,
    );
    const first = new Error('ECONNREFUSED');
    warn(first);
    for (clock = 100; clock < 1_000; clock += 100) warn(new Error('again'));
    expect(lines).toEqual([
      {
        fields: { connection: 'yishi-producer', err: first },
        message: 'Redis connection error',
      },
    ]);
    clock = 1_000;
    warn(new Error('after the interval'));
    expect(lines).toHaveLength(2);
    expect(lines[1]!.fields).toMatchObject({ connection: 'yishi-producer', suppressed: 9 });
    clock = 5_000;
    warn(new Error('quiet since'));
    expect(lines[2]!.fields).not.toHaveProperty('suppressed');
  });
});
