import { Injectable, type BeforeApplicationShutdown, type MessageEvent } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { Observable, type Subscriber } from 'rxjs';
import { ValidationError } from '@yishi/domain';

/** What one look of a stream does: push what changed; `true` ends the stream (nothing more to say). */
export type Look = (push: (event: MessageEvent) => void) => Promise<boolean | void>;

/**
 * Server-sent event streams that look at PostgreSQL every few seconds and push what changed
 * (`GET /me/events`, `GET /resolutions/:id/tally/live`). Postgres stays the truth: a client that
 * reconnects re-reads the plain GET. Open streams are ended at shutdown, or the HTTP server would
 * wait for every browser tab.
 */
@Injectable()
export class PolledStreams implements BeforeApplicationShutdown {
  private readonly streams = new Set<Subscriber<MessageEvent>>();

  beforeApplicationShutdown(): void {
    for (const stream of this.streams) stream.complete();
  }

  /** 400 unless the client asked for an event stream (a plain GET of it would hang). */
  static requireEventStream(request: FastifyRequest): void {
    const accept = request.headers.accept ?? '';
    if (!accept.includes('text/event-stream'))
      throw new ValidationError('这是一个事件流：请求头须包含 Accept: text/event-stream', {
        accept,
      });
  }

  /** A stream running `look` now and then every `everyMs` after the previous look ended. */
  open(everyMs: number, look: Look, onError: (error: unknown) => void): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      this.streams.add(subscriber);
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const push = (event: MessageEvent) => {
        if (!stopped) subscriber.next(event);
      };
      const loop = (): void => {
        look(push)
          .then((done) => {
            if (done === true && !stopped) subscriber.complete();
          })
          .catch(onError)
          .finally(() => {
            if (!stopped && !subscriber.closed) timer = setTimeout(loop, everyMs);
          });
      };
      loop();
      return () => {
        this.streams.delete(subscriber);
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    });
  }
}
