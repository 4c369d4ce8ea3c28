import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { createRedisConnection } from '@yishi/messaging';
import { RUNTIME } from './tokens';
import { type Runtime } from './runtime';

/**
 * Tells the relay and the projections of another process that events were appended, so they read
 * them at once rather than at their next poll (20 to 50 ms later: a request's events appended in
 * the API waited that long, the biggest single wait between an advance request and the parties'
 * inbox rows, and a client reading its own write with `minVersion` waited as long). A hint only,
 * over Redis pub/sub, never in the append's transaction (NOTIFY would take PostgreSQL's
 * cluster-wide lock at every commit): a signal lost (Redis down, a reconnect) costs the poll
 * interval and nothing else, because the subscriptions still poll.
 *
 * Publishing is coalesced: at most one PUBLISH in flight per process, and one more after it if
 * appends happened meanwhile. A process does not wake itself through Redis (its own subscriptions
 * are woken in-process), and a process where the relay and every projection lead publishes
 * nothing.
 */
@Injectable()
export class AppendSignal implements OnApplicationShutdown {
  private readonly sender = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private inFlight = false;
  private again = false;
  /** Each local subscription that wants other processes' appends: how to wake it, whether it leads. */
  private readonly listeners: { wake: () => void; leads: () => boolean }[] = [];
  private readonly stopPublishing: () => void;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.channel = `${runtime.config.queuePrefix}:appended`;
    this.publisher = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-append-signal',
      runtime.logger,
    );
    this.stopPublishing = runtime.store.onAppended(() => {
      if (!this.quiet()) this.publish();
    });
  }

  /**
   * Calls `wake` whenever another process appended. While every local listener `leads()` (the
   * relay and the projections all run here), this process's appends wake them in-process and are
   * not published.
   */
  listen(wake: () => void, leads: () => boolean): void {
    this.listeners.push({ wake, leads });
    if (this.subscriber !== undefined) return;
    // A subscriber reconnects for ever and subscribes again by itself (ioredis).
    const subscriber = createRedisConnection(
      this.runtime.redisUrl,
      'worker',
      'yishi-append-listener',
      this.runtime.logger,
    );
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, sender: string) => {
      if (sender !== this.sender) for (const l of this.listeners) l.wake();
    });
    void subscriber.subscribe(this.channel).catch(() => undefined);
  }

  private quiet(): boolean {
    return this.listeners.length > 0 && this.listeners.every((l) => l.leads());
  }

  private publish(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.publisher
      .publish(this.channel, this.sender)
      .catch(() => undefined)
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.publish();
        }
      });
  }

  onApplicationShutdown(): Promise<void> {
    this.stopPublishing();
    this.publisher.disconnect();
    this.subscriber?.disconnect();
    return Promise.resolve();
  }
}
