/**
 * Group commit for appends: appends that arrive while earlier batches are in flight are sent
 * together, as one statement and one transaction. No timer: when a slot is free the first append
 * goes at once, so a lone append waits for nothing; under load, everything queued while the slots
 * were busy leaves in the next batch.
 *
 * Two appends to one stream are never in flight together (in one batch or two): the second waits
 * in the queue until the first has settled, so appends to a stream keep the order they were made
 * in, and each one's expected version is checked against the state the previous one left.
 */

export interface CoalescerLimits {
  /** Batches (statements) in flight at once. */
  readonly maxInFlight: number;
  /** Appends per batch. */
  readonly maxAppends: number;
  /** Events per batch; an append bigger than this goes alone. */
  readonly maxEvents: number;
}

export interface Coalescible {
  readonly streamId: string;
  readonly eventCount: number;
}

/** What happened to one append of a batch. `retry` puts it back at the head of the queue. */
export type Outcome<R> =
  | { readonly kind: 'ok'; readonly value: R }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'retry' };

/** Sends a batch; resolves with one outcome per append, in order. Rejecting fails them all. */
export type SendBatch<T, R> = (batch: readonly T[]) => Promise<readonly Outcome<R>[]>;

export interface CoalescerStats {
  /** Statements sent. */
  readonly batches: number;
  /** Appends sent (retries count again). */
  readonly appends: number;
  readonly largestBatch: number;
}

/**
 * Takes the next batch off `queue` (in place, oldest first): appends whose stream is neither busy
 * nor already in the batch, within the limits. Skipped appends keep their place and order.
 */
export function takeBatch<T>(
  queue: T[],
  busy: ReadonlySet<string>,
  limits: Pick<CoalescerLimits, 'maxAppends' | 'maxEvents'>,
  describe: (entry: T) => Coalescible,
): T[] {
  const batch: T[] = [];
  const streams = new Set<string>();
  let events = 0;
  let write = 0;
  for (let read = 0; read < queue.length; read++) {
    const entry = queue[read]!;
    const item = describe(entry);
    const fits =
      batch.length < limits.maxAppends &&
      (batch.length === 0 || events + item.eventCount <= limits.maxEvents);
    if (fits && !busy.has(item.streamId) && !streams.has(item.streamId)) {
      batch.push(entry);
      streams.add(item.streamId);
      events += item.eventCount;
    } else {
      queue[write++] = entry;
    }
    // Full: the rest stays queued as it is.
    if (batch.length >= limits.maxAppends || events >= limits.maxEvents) {
      for (read++; read < queue.length; read++) queue[write++] = queue[read]!;
      break;
    }
  }
  queue.length = write;
  return batch;
}

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

export class WriteCoalescer<T extends Coalescible, R> {
  private readonly queue: Pending<T, R>[] = [];
  /** Streams with an append in flight. */
  private readonly busy = new Set<string>();
  private inFlight = 0;
  /** A pump is due once the callers just settled have had their turn (see settle). */
  private pumpScheduled = false;
  private batches = 0;
  private appends = 0;
  private largestBatch = 0;

  constructor(
    private readonly send: SendBatch<T, R>,
    private readonly limits: CoalescerLimits,
  ) {
    if (!(limits.maxInFlight >= 1 && limits.maxAppends >= 1 && limits.maxEvents >= 1))
      throw new Error('WriteCoalescer limits must be at least 1');
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.pumpScheduled) this.pump();
    });
  }

  stats(): CoalescerStats {
    return { batches: this.batches, appends: this.appends, largestBatch: this.largestBatch };
  }

  private pump(): void {
    while (this.inFlight < this.limits.maxInFlight && this.queue.length > 0) {
      const batch = takeBatch(this.queue, this.busy, this.limits, (p) => p.item);
      // Everything queued is waiting for a stream in flight.
      if (batch.length === 0) return;
      this.dispatch(batch);
    }
  }

  private dispatch(batch: Pending<T, R>[]): void {
    this.inFlight += 1;
    this.batches += 1;
    this.appends += batch.length;
    this.largestBatch = Math.max(this.largestBatch, batch.length);
    for (const p of batch) this.busy.add(p.item.streamId);
    const items = batch.map((p) => p.item);
    // A send that throws instead of rejecting still settles its batch.
    const sent = new Promise<readonly Outcome<R>[]>((resolve) => resolve(this.send(items)));
    void sent.then(
      (outcomes) => this.settle(batch, outcomes),
      (error: unknown) =>
        this.settle(
          batch,
          batch.map(() => ({ kind: 'error', error })),
        ),
    );
  }

  private settle(batch: Pending<T, R>[], outcomes: readonly Outcome<R>[]): void {
    this.inFlight -= 1;
    const retries: Pending<T, R>[] = [];
    batch.forEach((p, i) => {
      this.busy.delete(p.item.streamId);
      const outcome: Outcome<R> = outcomes[i] ?? {
        kind: 'error',
        error: new Error('append batch returned fewer outcomes than appends'),
      };
      if (outcome.kind === 'ok') p.resolve(outcome.value);
      else if (outcome.kind === 'error') p.reject(outcome.error);
      else retries.push(p);
    });
    // Ahead of later appends to the same streams, which must still come after them.
    this.queue.unshift(...retries);
    // Not at once: callers whose appends just settled often append again straight away, and would
    // otherwise always miss the batch that leaves now and wait a whole batch more. setImmediate
    // runs after their promise continuations, so they join it; this waits for no timer.
    if (!this.pumpScheduled) {
      this.pumpScheduled = true;
      setImmediate(() => {
        this.pumpScheduled = false;
        this.pump();
      });
    }
  }
}
