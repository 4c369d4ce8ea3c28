import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { type EventStore } from '@yishi/event-store';
import { EVENT_STORE, PG_POOL } from '@yishi/platform';
import { resolutionScope } from '@yishi/cases';
import { BallotSheetService, CanvassService, VotingService } from '@yishi/voting';
import { CaseRepository } from '@yishi/cases';
import { ScopeResolvers } from '@yishi/access';
import { RunCaseCommandHandler } from '../cases/run-case-command';
import { LiveModule } from '../live/live.module';
import { BallotSheetsController } from './ballot-sheets/ballot-sheets.http.controller';
import { CanvassController } from './canvass/canvass.http.controller';
import { AnswerObjectionController } from './commands/answer-objection/answer-objection.http.controller';
import { CastBallotController } from './commands/cast-ballot/cast-ballot.http.controller';
import { CloseVotingController } from './commands/close-voting/close-voting.http.controller';
import { DraftResolutionController } from './commands/draft-resolution/draft-resolution.http.controller';
import { FileObjectionController } from './commands/file-objection/file-objection.http.controller';
import { ElectorateController } from './electorate/electorate.http.controller';
import { ProxiesController } from './proxies/proxies.http.controller';
import { PublicationController } from './queries/publication.http.controller';
import { ResolutionQueriesController } from './queries/resolution-queries.http.controller';
import { TallyLiveController } from './queries/tally-live.http.controller';
import {
  AnswerObjectionHandler,
  CastBallotHandler,
  CloseVotingHandler,
  FileObjectionHandler,
  OpenVotingHandler,
} from './voting.commands';

/** Resolutions, ballots, the close and the tally (http-api.md, Voting; the simple form). */
@Module({
  imports: [CqrsModule, LiveModule],
  controllers: [
    DraftResolutionController,
    CastBallotController,
    CloseVotingController,
    ResolutionQueriesController,
    TallyLiveController,
    FileObjectionController,
    AnswerObjectionController,
    PublicationController,
    ProxiesController,
    ElectorateController,
    CanvassController,
    BallotSheetsController,
  ],
  providers: [
    {
      provide: VotingService,
      useFactory: (store: EventStore, pool: Pool, cases: CaseRepository) =>
        new VotingService(store, pool, cases),
      inject: [EVENT_STORE, PG_POOL, CaseRepository],
    },
    {
      provide: CanvassService,
      useFactory: (voting: VotingService, pool: Pool) => new CanvassService(voting, pool),
      inject: [VotingService, PG_POOL],
    },
    {
      provide: BallotSheetService,
      useFactory: (voting: VotingService, pool: Pool) => new BallotSheetService(voting, pool),
      inject: [VotingService, PG_POOL],
    },
    OpenVotingHandler,
    CastBallotHandler,
    CloseVotingHandler,
    FileObjectionHandler,
    AnswerObjectionHandler,
    RunCaseCommandHandler,
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
