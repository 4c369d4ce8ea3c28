import { Controller, Inject, type MessageEvent, Param, Req, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { type Observable } from 'rxjs';
import { Can } from '@yishi/access';
import { type Logger } from '@yishi/observability';
import { QueryBus } from '@nestjs/cqrs';
import { LOGGER, PolledStreams } from '@yishi/platform';
import { TallyQuery } from '../resolution-queries/resolution.query';
import { type TallyView } from '../voting.types';

/** How often a live tally is looked at; one computation serves every viewer of a vote for this long. */
export const TALLY_LIVE_MS = 2000;
const KEEPALIVE_MS = 25_000;
const CACHED_VOTES = 1_000;

/**
 * Live turnout (GET /resolutions/:id/tally/live, server-sent events): `event: tally` with the same
 * body as GET /resolutions/:id/tally, on connect and whenever it changes (a keep-alive repeats it),
 * until the result is final, when the stream ends. However many residents watch one vote, each API
 * process computes its tally at most once per TALLY_LIVE_MS.
 */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class TallyLiveController {
  private readonly recent = new Map<string, { at: number; tally: Promise<TallyView> }>();

  constructor(
    private readonly queries: QueryBus,
    private readonly streams: PolledStreams,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private tally(resolutionId: string): Promise<TallyView> {
    const now = Date.now();
    const known = this.recent.get(resolutionId);
    if (known !== undefined && now - known.at < TALLY_LIVE_MS) return known.tally;
    const tally = this.queries.execute(new TallyQuery(resolutionId));
    this.recent.delete(resolutionId);
    if (this.recent.size >= CACHED_VOTES) {
      const oldest = this.recent.keys().next();
      if (oldest.done !== true) this.recent.delete(oldest.value);
    }
    this.recent.set(resolutionId, { at: now, tally });
    tally.catch(() => this.recent.delete(resolutionId));
    return tally;
  }

  @Sse('tally/live')
  @ApiOperation({ summary: 'the tally as a live stream (server-sent events)' })
  @Can('resolutions.tally')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'text/event-stream: `event: tally` data TallyResponse, on connect and on each change, ending ' +
      'once the result is final. Send Accept: text/event-stream (else 400 VALIDATION_FAILED).',
  })
  live(
    @Param('resolutionId') resolutionId: string,
    @Req() request: FastifyRequest,
  ): Observable<MessageEvent> {
    PolledStreams.requireEventStream(request);
    let last = '';
    let lastSentAt = 0;
    return this.streams.open(
      TALLY_LIVE_MS,
      async (push) => {
        const tally = await this.tally(resolutionId);
        const text = JSON.stringify(tally);
        const now = Date.now();
        if (text !== last || now - lastSentAt >= KEEPALIVE_MS) {
          last = text;
          lastSentAt = now;
          push({ type: 'tally', data: tally });
        }
        return tally.final;
      },
      (error) => this.logger.warn({ err: error, resolutionId }, 'live tally look'),
    );
  }
}
