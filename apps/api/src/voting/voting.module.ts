import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE, PG_POOL } from '@yishi/platform';
import { resolutionScope, VotingService } from '@yishi/workflow';
import { ScopeResolvers } from '../access/scope-resolvers';
import { CastBallotController } from './commands/cast-ballot/cast-ballot.http.controller';
import { CloseVotingController } from './commands/close-voting/close-voting.http.controller';
import { DraftResolutionController } from './commands/draft-resolution/draft-resolution.http.controller';
import { ElectorateController } from './electorate/electorate.http.controller';
import { ProxiesController } from './proxies/proxies.http.controller';
import { ResolutionQueriesController } from './queries/resolution-queries.http.controller';
import { CastBallotHandler, CloseVotingHandler, OpenVotingHandler } from './voting.commands';

/** Resolutions, ballots, the close and the tally (http-api.md, Voting; the simple form). */
@Module({
  imports: [CqrsModule],
  controllers: [
    DraftResolutionController,
    CastBallotController,
    CloseVotingController,
    ResolutionQueriesController,
    ProxiesController,
    ElectorateController,
  ],
  providers: [
    {
      provide: VotingService,
      useFactory: (store: EventStore, pool: Pool) => new VotingService(store, pool),
      inject: [EVENT_STORE, PG_POOL],
    },
    OpenVotingHandler,
    CastBallotHandler,
    CloseVotingHandler,
  ],
})
export class VotingModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  onModuleInit(): void {
    this.scopes.register('resolutionId', async (id) => {
      const scope = await resolutionScope(this.pool, id);
      return scope === undefined ? undefined : { communityId: scope.communityId, parties: {} };
    });
  }
}
