import { Controller, Inject, type MessageEvent, Req, Sse } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { type Observable } from 'rxjs';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { type Logger } from '@yishi/observability';
import { LOGGER, OperationId, PolledStreams } from '@yishi/platform';
import { type NotificationView } from '../inbox';
import { StreamEventsQuery } from './stream-events.query';

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
export class StreamEventsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly streams: PolledStreams,
  ) {}

  @OperationId('EventsController_events')
  @Sse('events')
  @Can('notifications.events')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'text/event-stream: `event: unread` data {count}; `event: notification` data NotificationItem. ' +
      'Send Accept: text/event-stream (else 400 VALIDATION_FAILED).',
  })
  events(@Auth() auth: RequestAuth, @Req() request: FastifyRequest): Observable<MessageEvent> {
    PolledStreams.requireEventStream(request);
    const userId = auth.user.id;
    let seen: Set<string> | undefined;
    let unread = -1;
    let lastSentAt = 0;
    return this.streams.open(
      EVENTS_POLL_MS,
      async (push) => {
        const look = await this.queries.execute(new StreamEventsQuery(userId, WINDOW));
        const fresh: NotificationView[] =
          seen === undefined ? [] : look.recent.filter((n) => !seen?.has(n.id)).reverse();
        seen = new Set(look.recent.map((n) => n.id));
        for (const item of fresh) push({ type: 'notification', data: item });
        const now = Date.now();
        if (look.unread !== unread || now - lastSentAt >= EVENTS_KEEPALIVE_MS) {
          unread = look.unread;
          lastSentAt = now;
          push({ type: 'unread', data: { count: unread } });
        }
      },
      (error) => this.logger.warn({ err: error, userId }, 'event stream look'),
    );
  }
}
