import { takeBatch, WriteCoalescer, type Coalescible, type Outcome } from './write-coalescer';

interface Item extends Coalescible {
  readonly label: string;
}

const item = (label: string, streamId = label, eventCount = 1): Item => ({
  label,
  streamId,
  eventCount,
});
const labels = (items: readonly Item[]): string[] => items.map((i) => i.label);
const same = (i: Item): Item => i;
const limits = { maxAppends: 10, maxEvents: 100 };

describe('takeBatch', () => {
  it('takes the oldest appends, one per stream, and keeps the rest queued in order', () => {
    const queue = [
      item('a1', 'a'),
      item('b1', 'b'),
      item('a2', 'a'),
      item('c1', 'c'),
      item('b2', 'b'),
    ];
    expect(labels(takeBatch(queue, new Set(), limits, same))).toEqual(['a1', 'b1', 'c1']);
    expect(labels(queue)).toEqual(['a2', 'b2']);
  });

  it('skips streams with an append in flight', () => {
    const queue = [item('a1', 'a'), item('b1', 'b'), item('c1', 'c')];
    expect(labels(takeBatch(queue, new Set(['a', 'c']), limits, same))).toEqual(['b1']);
    expect(labels(queue)).toEqual(['a1', 'c1']);
    expect(takeBatch(queue, new Set(['a', 'c']), limits, same)).toEqual([]);
    expect(labels(queue)).toEqual(['a1', 'c1']);
  });

  it('stops at the append and event limits; a too-big append still goes, alone', () => {
    const queue = ['a', 'b', 'c', 'd'].map((s) => item(s));
    expect(labels(takeBatch(queue, new Set(), { maxAppends: 3, maxEvents: 100 }, same))).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(labels(queue)).toEqual(['d']);

    const sized = [item('x', 'x', 60), item('y', 'y', 50), item('z', 'z', 40), item('w', 'w', 5)];
    expect(labels(takeBatch(sized, new Set(), limits, same))).toEqual(['x', 'z']);
    expect(labels(sized)).toEqual(['y', 'w']);

    const big = [item('huge', 'h', 500), item('small', 's', 1)];
    expect(labels(takeBatch(big, new Set(), limits, same))).toEqual(['huge']);
    expect(labels(big)).toEqual(['small']);
  });
});

/** A send whose batches are settled by hand. */
function manualSend() {
  const calls: {
    batch: readonly Item[];
    settle: (o: readonly Outcome<string>[]) => void;
    fail: (e: unknown) => void;
  }[] = [];
  const send = (batch: readonly Item[]): Promise<readonly Outcome<string>[]> =>
    new Promise((resolve, reject) => calls.push({ batch, settle: resolve, fail: reject }));
  const okAll = (i: number): void =>
    calls[i]!.settle(calls[i]!.batch.map((b) => ({ kind: 'ok', value: `${b.label}!` })));
  return { calls, send, okAll };
}

const immediate = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Lets promise continuations, then the coalescer's deferred pump, run. */
const turn = async (): Promise<void> => {
  await immediate();
  await immediate();
};

describe('WriteCoalescer', () => {
  it('sends a lone append at once, and what arrives meanwhile in one batch after it', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 1, maxAppends: 64, maxEvents: 1000 });
    const first = c.submit(item('a'));
    expect(calls).toHaveLength(1);
    const rest = ['b', 'c', 'd'].map((s) => c.submit(item(s)));
    expect(calls).toHaveLength(1);
    okAll(0);
    expect(await first).toBe('a!');
    await turn();
    expect(calls.map((x) => labels(x.batch))).toEqual([['a'], ['b', 'c', 'd']]);
    okAll(1);
    expect(await Promise.all(rest)).toEqual(['b!', 'c!', 'd!']);
    expect(c.stats()).toEqual({ batches: 2, appends: 4, largestBatch: 3 });
  });

  it('keeps up to maxInFlight batches in flight', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 2, maxAppends: 64, maxEvents: 1000 });
    const all = ['a', 'b', 'c', 'd'].map((s) => c.submit(item(s)));
    expect(calls.map((x) => labels(x.batch))).toEqual([['a'], ['b']]);
    okAll(1);
    await turn();
    expect(calls.map((x) => labels(x.batch))).toEqual([['a'], ['b'], ['c', 'd']]);
    okAll(0);
    okAll(2);
    expect(await Promise.all(all)).toEqual(['a!', 'b!', 'c!', 'd!']);
  });

  it('lets callers that were just answered join the next batch', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 1, maxAppends: 64, maxEvents: 1000 });
    const again = c.submit(item('a')).then(() => c.submit(item('a2', 'a')));
    const waiting = c.submit(item('b'));
    okAll(0);
    await turn();
    expect(calls.map((x) => labels(x.batch))).toEqual([['a'], ['b', 'a2']]);
    okAll(1);
    expect(await Promise.all([again, waiting])).toEqual(['a2!', 'b!']);
  });

  it('never has two appends to one stream in flight, and keeps their order', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 4, maxAppends: 64, maxEvents: 1000 });
    const all = [item('s1', 's'), item('s2', 's'), item('t1', 't'), item('s3', 's')].map((i) =>
      c.submit(i),
    );
    expect(calls.map((x) => labels(x.batch))).toEqual([['s1'], ['t1']]);
    okAll(0);
    await turn();
    expect(calls.map((x) => labels(x.batch))).toEqual([['s1'], ['t1'], ['s2']]);
    okAll(2);
    await turn();
    expect(calls.map((x) => labels(x.batch))).toEqual([['s1'], ['t1'], ['s2'], ['s3']]);
    okAll(1);
    okAll(3);
    expect(await Promise.all(all)).toEqual(['s1!', 's2!', 't1!', 's3!']);
  });

  it('settles each append of a batch on its own and sends retries again before later appends', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 1, maxAppends: 64, maxEvents: 1000 });
    const plug = c.submit(item('p'));
    const a = c.submit(item('a'));
    const b = c.submit(item('b')).catch((e: unknown) => e);
    const r = c.submit(item('r1', 'r'));
    const later = c.submit(item('r2', 'r'));
    okAll(0);
    await plug;
    await turn();
    const conflict = new Error('conflict');
    calls[1]!.settle([
      { kind: 'ok', value: 'a!' },
      { kind: 'error', error: conflict },
      { kind: 'retry' },
    ]);
    expect(await a).toBe('a!');
    expect(await b).toBe(conflict);
    await turn();
    expect(labels(calls[2]!.batch)).toEqual(['r1']);
    okAll(2);
    expect(await r).toBe('r1!');
    await turn();
    expect(labels(calls[3]!.batch)).toEqual(['r2']);
    okAll(3);
    expect(await later).toBe('r2!');
  });

  it('fails every append of a batch whose send fails, and goes on with the next', async () => {
    const { calls, send, okAll } = manualSend();
    const c = new WriteCoalescer(send, { maxInFlight: 1, maxAppends: 64, maxEvents: 1000 });
    const plug = c.submit(item('p'));
    const failing = ['a', 'b'].map((s) => c.submit(item(s)).catch((e: unknown) => e));
    okAll(0);
    await plug;
    await turn();
    const down = new Error('connection lost');
    calls[1]!.fail(down);
    expect(await Promise.all(failing)).toEqual([down, down]);
    const next = c.submit(item('a'));
    await turn();
    expect(labels(calls[2]!.batch)).toEqual(['a']);
    okAll(2);
    expect(await next).toBe('a!');

    const throwing = new WriteCoalescer<Item, string>(
      () => {
        throw down;
      },
      { maxInFlight: 1, maxAppends: 8, maxEvents: 8 },
    );
    await expect(throwing.submit(item('x'))).rejects.toBe(down);
  });
});
