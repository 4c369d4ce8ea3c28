import {
  type BeforeApplicationShutdown,
  Controller,
  Inject,
  type MessageEvent,
  Req,
  Sse,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Request } from 'express';
import { type Pool } from 'pg';
import { Observable, type Subscriber } from 'rxjs';
import { Can } from '@yishi/access';
import { ValidationError } from '@yishi/domain';
import { listInbox, type NotificationView } from '@yishi/notifications';
import { type Logger } from '@yishi/observability';
import { LOGGER, PG_POOL } from '@yishi/platform';
import { Auth, type RequestAuth } from '../access/request-auth';

/** How often a connected user's inbox is looked at, and the longest silence (a keep-alive). */
export const EVENTS_POLL_MS = 1500;
export const EVENTS_KEEPALIVE_MS = 25_000;
/** The newest rows compared on each look: more arrivals than this between two looks are rare. */
const WINDOW = 50;

/**
 * The live channel of the web app (server-sent events): the caller's new inbox rows and unread
 * count. Each connection looks at the inbox (the same rows as GET /me/notifications) every
 * EVENTS_POLL_MS and pushes what changed:
 * - `unread` `{count}`: on connect, whenever it changes, and as a keep-alive;
 * - `notification` NotificationItem: each row that was not there at the previous look, oldest first.
 * Rows are compared by id, not by time, so a row committed late with an earlier created_at still
 * arrives. Postgres is the truth: a client that reconnects re-reads GET /me/notifications.
 */
@ApiTags('notifications')
@Controller('me')
export class EventsController implements BeforeApplicationShutdown {
  /** Open streams: ended at shutdown, or the HTTP server would wait for every browser tab. */
  private readonly streams = new Set<Subscriber<MessageEvent>>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  beforeApplicationShutdown(): void {
    for (const stream of this.streams) stream.complete();
  }

  @Sse('events')
  @Can('notifications.events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'text/event-stream: `event: unread` data {count}; `event: notification` data NotificationItem. ' +
      'Send Accept: text/event-stream (else 400 VALIDATION_FAILED).',
  })
  events(@Auth() auth: RequestAuth, @Req() request: Request): Observable<MessageEvent> {
    const accept = request.headers.accept ?? '';
    if (!accept.includes('text/event-stream'))
      throw new ValidationError('This is an event stream: send Accept: text/event-stream', {
        accept,
      });
    const userId = auth.user.id;
    return new Observable<MessageEvent>((subscriber) => {
      this.streams.add(subscriber);
      let seen: Set<string> | undefined;
      let unread = -1;
      let lastSentAt = 0;
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const look = async (): Promise<void> => {
        const [recent, unreadPage] = await Promise.all([
          listInbox(this.pool, userId, { limit: WINDOW, offset: 0 }),
          listInbox(this.pool, userId, { unread: true, limit: 0, offset: 0 }),
        ]);
        if (stopped) return;
        const fresh: NotificationView[] =
          seen === undefined ? [] : recent.items.filter((n) => !seen?.has(n.id)).reverse();
        seen = new Set(recent.items.map((n) => n.id));
        for (const item of fresh) subscriber.next({ type: 'notification', data: item });
        const now = Date.now();
        if (unreadPage.total !== unread || now - lastSentAt >= EVENTS_KEEPALIVE_MS) {
          unread = unreadPage.total;
          lastSentAt = now;
          subscriber.next({ type: 'unread', data: { count: unread } });
        }
      };
      const loop = (): void => {
        look()
          .catch((error: unknown) => this.logger.warn({ err: error, userId }, 'event stream look'))
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, EVENTS_POLL_MS);
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
