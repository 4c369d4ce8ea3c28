import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type Redis } from 'ioredis';
import { createRedisConnection } from '@yishi/messaging';
import { RUNTIME } from './tokens';
import { type Runtime } from './runtime';

/**
 * Tells the relay of another process that events were appended, so it reads them at once rather
 * than at its next poll (20 to 50 ms later: a request's events appended in the API waited that
 * long, the biggest single wait between an advance request and the parties' inbox rows).
 * A hint only, over Redis pub/sub, never in the append's transaction (NOTIFY would take
 * PostgreSQL's cluster-wide lock at every commit): a signal lost (Redis down, a reconnect) costs
 * the poll interval and nothing else, because the relay still polls.
 *
 * Publishing is coalesced: at most one PUBLISH in flight per process, and one more after it if
 * appends happened meanwhile. A process does not wake itself through Redis (its own relay is woken
 * in-process), and a process whose relay leads publishes nothing.
 */
@Injectable()
export class AppendSignal implements OnApplicationShutdown {
  private readonly sender = randomUUID();
  private readonly channel: string;
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;
  private inFlight = false;
  private again = false;
  private quiet: () => boolean = () => false;
  private readonly stopPublishing: () => void;

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {
    this.channel = `${runtime.config.queuePrefix}:appended`;
    this.publisher = createRedisConnection(runtime.redisUrl, 'producer', 'yishi-append-signal');
    this.stopPublishing = runtime.store.onAppended(() => {
      if (!this.quiet()) this.publish();
    });
  }

  /** Calls `wake` whenever another process appended; publishes nothing while `quiet()` holds. */
  listen(wake: () => void, quiet: () => boolean): void {
    this.quiet = quiet;
    // A subscriber reconnects for ever and subscribes again by itself (ioredis).
    const subscriber = createRedisConnection(
      this.runtime.redisUrl,
      'worker',
      'yishi-append-listener',
    );
    this.subscriber = subscriber;
    subscriber.on('message', (_channel: string, sender: string) => {
      if (sender !== this.sender) wake();
    });
    void subscriber.subscribe(this.channel).catch(() => undefined);
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
