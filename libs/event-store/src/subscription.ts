import { type Client } from 'pg';
import { AdvisoryLeader, isConnectionError } from '@yishi/database';
import { type EventStore } from './event-store';
import { loadCheckpoint } from './checkpoints';
import { type Checkpoint, type EventTypeFilter, type RecordedEvent } from './types';

export interface SubscriptionLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SubscriptionOptions {
  readonly name: string;
  readonly databaseUrl: string;
  readonly store: EventStore;
  readonly batchSize: number;
  /** Idle polling starts here and backs off to `maxPollMs`; a local append wakes it at once. */
  readonly pollMs: number;
  readonly maxPollMs?: number;
  /**
   * After a batch smaller than `batchSize` (the log is caught up), wait this long before reading
   * again, so a steady stream of appends is taken in batches rather than one read, one checkpoint
   * write and one transaction per few events. Default: the lesser of `pollMs` and 10 ms.
   */
  readonly catchUpPauseMs?: number;
  readonly standbyRetryMs?: number;
  /**
   * The events `handle` is given (all when absent). Others are read as positions only and
   * skipped; `handle` still runs for a batch without any, so the checkpoint moves past them.
   */
  readonly filter?: EventTypeFilter;
  readonly log: SubscriptionLog;
  readonly onLeadership?: (leader: boolean) => void;
}

/**
 * A single-leader loop over the event log: read committed events gap-safely after the checkpoint,
 * hand them to `handle`, repeat. Leadership is a Postgres advisory lock; a standby retries every
 * `standbyRetryMs`. `handle` must persist the checkpoint itself (through `client`, the
 * lock-holding session) only after its work is durable; on any failure the batch is read again.
 * A `handle` that finds the stored checkpoint moved under it (a rebuild) calls `resetCheckpoint()`
 * and returns: the next round reloads the checkpoint instead of advancing past the batch.
 */
export abstract class Subscription {
  private readonly leader: AdvisoryLeader;
  private checkpoint: Checkpoint | undefined;
  private checkpointResets = 0;
  private prepared = false;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private unsubscribe: (() => void) | undefined;

  protected constructor(protected readonly options: SubscriptionOptions) {
    this.leader = new AdvisoryLeader(options.databaseUrl, options.name);
  }

  get isLeader(): boolean {
    return this.leader.client !== undefined;
  }

  protected abstract handle(
    client: Client,
    events: RecordedEvent[],
    next: Checkpoint,
    previous: Checkpoint,
  ): Promise<void>;

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.store.onAppended(() => this.wake());
    this.loop = this.run();
  }

  /** Stops after the batch in hand (if any) and releases leadership. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.wake();
    await this.loop;
    await this.leader.release();
    this.options.onLeadership?.(false);
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /**
   * Runs on the leader's session once per leadership, before its first read (e.g. to create the
   * tables it writes): only one process does it at a time. A failure is retried like a batch.
   */
  protected prepare(_client: Client): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Runs on the leader's session before every read, with the checkpoint the read starts from. A
   * hook that moves the stored checkpoint calls `resetCheckpoint()`, and the read starts from the
   * stored one. A failure is retried like a batch.
   */
  protected beforeRead(_client: Client, _checkpoint: Checkpoint): Promise<void> {
    return Promise.resolve();
  }

  /** Forget the cached checkpoint (after a rebuild moved it); the next round reloads it. */
  protected resetCheckpoint(): void {
    this.checkpoint = undefined;
    this.checkpointResets += 1;
  }

  private async run(): Promise<void> {
    const { log, name } = this.options;
    const maxPoll = this.options.maxPollMs ?? Math.max(this.options.pollMs, 50);
    let idle = this.options.pollMs;
    const catchUpPause = this.options.catchUpPauseMs ?? Math.min(this.options.pollMs, 10);
    let failures = 0;
    while (this.running) {
      try {
        const wasLeader = this.isLeader;
        const client = await this.leader.tryAcquire();
        if (client === undefined) {
          await this.sleep(this.options.standbyRetryMs ?? 1_000);
          continue;
        }
        if (!wasLeader) {
          this.checkpoint = undefined;
          this.prepared = false;
          log.info({ subscription: name }, 'became leader');
          this.options.onLeadership?.(true);
        }
        if (!this.prepared) {
          await this.prepare(client);
          this.prepared = true;
        }
        this.checkpoint ??= await loadCheckpoint(client, name);
        await this.beforeRead(client, this.checkpoint);
        // The hook may have moved the checkpoint (resetCheckpoint): read from where it now stands.
        this.checkpoint ??= await loadCheckpoint(client, name);
        const { events, checkpoint, scanned } = await this.options.store.readAll(
          this.checkpoint,
          this.options.batchSize,
          client,
          this.options.filter,
        );
        if (scanned === 0) {
          await this.sleep(idle);
          idle = Math.min(idle * 2, maxPoll);
          continue;
        }
        idle = this.options.pollMs;
        const resets = this.checkpointResets;
        await this.handle(client, events, checkpoint, this.checkpoint);
        // A reset during handle means the batch was not applied: reload rather than skip it.
        if (this.checkpointResets === resets) this.checkpoint = checkpoint;
        if (failures > 0) log.info({ subscription: name, failures }, 'recovered');
        failures = 0;
        if (scanned < this.options.batchSize) await this.pause(catchUpPause);
      } catch (error) {
        failures += 1;
        this.checkpoint = undefined;
        if (isConnectionError(error) || this.leader.client === undefined) {
          await this.leader.release();
          this.options.onLeadership?.(false);
        }
        if (failures === 1 || failures % 50 === 0) {
          log.warn({ subscription: name, failures, err: error }, 'batch failed; will retry');
        }
        await this.sleep(Math.min(100 * 2 ** Math.min(failures, 6), 5_000));
      }
    }
  }

  /** Waits `ms` whatever is appended meanwhile (a stop waits for it: it is short). */
  private async pause(ms: number): Promise<void> {
    if (this.running && ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Waits `ms`, or less if an append happened meanwhile (a wake while busy is not lost). */
  private sleep(ms: number): Promise<void> {
    if (!this.running || this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
