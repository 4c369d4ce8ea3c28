import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { LiveModule, PG_POOL } from '@yishi/platform';
import { resolutionScope } from '@yishi/cases';
import { AnswerObjectionController } from './answer-objection/answer-objection.http.controller';
import { AnswerObjectionHandler } from './answer-objection/answer-objection.handler';
import { BallotBox } from './ballot-box';
import {
  BallotConflictsCsvHandler,
  BallotConflictsHandler,
  BallotSheetsHandler,
  IssueBallotSheetsHandler,
  PrintBallotSheetsHandler,
  ReissueBallotSheetHandler,
} from './ballot-sheets/ballot-sheets.handlers';
import { BallotSheetsController } from './ballot-sheets/ballot-sheets.http.controller';
import { BallotSheetService } from './ballot-sheets/ballot-sheets.service';
import { CanvassListHandler, RecordVisitHandler, TurnoutHandler } from './canvass/canvass.handlers';
import { CanvassController } from './canvass/canvass.http.controller';
import { CanvassService } from './canvass/canvass.service';
import { CastBallotHandler } from './cast-ballot/cast-ballot.handler';
import { CastBallotController } from './cast-ballot/cast-ballot.http.controller';
import { CancelVotingHandler, CloseVotingHandler } from './close-voting/close-voting.handler';
import { CloseVotingController } from './close-voting/close-voting.http.controller';
import {
  DraftResolutionHandler,
  OpenVotingHandler,
} from './draft-resolution/draft-resolution.handler';
import { DraftResolutionController } from './draft-resolution/draft-resolution.http.controller';
import {
  MarkDeveloperUnsoldHandler,
  SetLeadBuildingsHandler,
} from './electorate/electorate.handlers';
import { ElectorateController } from './electorate/electorate.http.controller';
import { FileObjectionHandler } from './file-objection/file-objection.handler';
import { FileObjectionController } from './file-objection/file-objection.http.controller';
import { TallyLiveController } from './live-tally/tally-live.http.controller';
import {
  ListProxiesHandler,
  RegisterProxyHandler,
  RevokeProxyHandler,
} from './proxies/proxies.handlers';
import { ProxiesController } from './proxies/proxies.http.controller';
import { PublicationHandler } from './publication/publication.handler';
import { PublicationController } from './publication/publication.http.controller';
import { ObjectionsHandler } from './resolution-queries/objections.handler';
import { ResolutionHandler } from './resolution-queries/resolution.handler';
import { ResolutionQueriesController } from './resolution-queries/resolution-queries.http.controller';
import { TallyHandler } from './resolution-queries/tally.handler';
import { ResolutionQueries } from './resolution.queries';
import { FinaliseResultHandler, SettleResultHandler } from './settle-result/settle-result.handler';
import { ResolutionRepository } from './resolution.repository';
import { VoteResults } from './vote-results';

/**
 * The voting use cases' handlers and what they share, without HTTP: the worker imports this (its
 * jobs close, settle and finalise votes on the command bus), and VotingModule adds the controllers. Nest makes
 * one instance of a module, so the API and the worker in one process share ResolutionRepository's
 * caches.
 */
@Module({
  imports: [CqrsModule],
  providers: [
    ResolutionRepository,
    BallotBox,
    VoteResults,
    ResolutionQueries,
    CanvassService,
    BallotSheetService,
    DraftResolutionHandler,
    OpenVotingHandler,
    CastBallotHandler,
    CloseVotingHandler,
    CancelVotingHandler,
    SettleResultHandler,
    FinaliseResultHandler,
    FileObjectionHandler,
    AnswerObjectionHandler,
    RegisterProxyHandler,
    RevokeProxyHandler,
    ListProxiesHandler,
    SetLeadBuildingsHandler,
    MarkDeveloperUnsoldHandler,
    RecordVisitHandler,
    CanvassListHandler,
    TurnoutHandler,
    IssueBallotSheetsHandler,
    ReissueBallotSheetHandler,
    BallotSheetsHandler,
    PrintBallotSheetsHandler,
    BallotConflictsHandler,
    BallotConflictsCsvHandler,
    PublicationHandler,
    ResolutionHandler,
    TallyHandler,
    ObjectionsHandler,
  ],
  exports: [CanvassService, ResolutionRepository],
})
export class VotingCoreModule {}

/** Resolutions, ballots, the close and the tally (http-api.md, Voting; the simple form). */
@Module({
  imports: [CqrsModule, LiveModule, VotingCoreModule],
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
