import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { ScopeResolvers } from '@yishi/access';
import { PG_POOL } from '@yishi/platform';
import { RegistryReadsModule } from '@yishi/registry';
import { liveTableNames } from '@yishi/projections';
import { AcknowledgeHandler } from './acknowledge/acknowledge.handler';
import { AcknowledgeController } from './acknowledge/acknowledge.http.controller';
import { AssignHandlerHandler } from './assign-handler/assign-handler.handler';
import { AssignHandlerController } from './assign-handler/assign-handler.http.controller';
import { RequestAdvanceHandler } from './advance/request-advance.handler';
import { RequestAdvanceController } from './advance/request-advance.http.controller';
import { CaseQueries } from './case.queries';
import { CloseCaseHandler } from './close-case/close-case.handler';
import { CloseCaseController } from './close-case/close-case.http.controller';
import { ReopenCaseController } from './reopen-case/reopen-case.http.controller';
import { ListCasesController } from './list-cases/list-cases.http.controller';
import { ReadCaseController } from './read-case/read-case.http.controller';
import { ReadTimelineController } from './read-timeline/read-timeline.http.controller';
import { ExportStatsHandler } from './export-stats/export-stats.handler';
import { ListCasesHandler } from './list-cases/list-cases.handler';
import { ListOpinionsHandler } from './list-opinions/list-opinions.handler';
import { OpenCaseHandler } from './open-case/open-case.handler';
import { OpenCaseController } from './open-case/open-case.http.controller';
import { PostOpinionHandler } from './post-opinion/post-opinion.handler';
import { PostOpinionController } from './post-opinion/post-opinion.http.controller';
import { ListOpinionsController } from './list-opinions/list-opinions.http.controller';
import { caseTimelineProjection } from './projections/case-timeline.projection';
import { caseViewsProjection } from './projections/case-views.projection';
import { RateEscalationHandler } from './rate-escalation/rate-escalation.handler';
import { RateEscalationController } from './rate-escalation/rate-escalation.http.controller';
import { ReadArchiveHandler } from './read-archive/read-archive.handler';
import { ArchiveController } from './read-archive/read-archive.http.controller';
import { ReadCaseHandler } from './read-case/read-case.handler';
import { ReadStatsHandler } from './read-stats/read-stats.handler';
import { StatsController } from './read-stats/read-stats.http.controller';
import { ReadTimelineHandler } from './read-timeline/read-timeline.handler';
import { RecordAnalysisHandler } from './record-analysis/record-analysis.handler';
import { RecordAnalysisController } from './record-analysis/record-analysis.http.controller';
import { RecordMeetingHandler } from './record-meeting/record-meeting.handler';
import { RecordMeetingController } from './record-meeting/record-meeting.http.controller';
import { MeetingCodes } from './meetings/meeting-codes';
import { MeetingPeople } from './meetings/meeting-people';
import {
  IssueMeetingCodeHandler,
  RecordMinutesHandler,
  SignInMeetingHandler,
} from './meetings/meetings.handlers';
import { MeetingsController } from './meetings/meetings.http.controller';
import { meetingScope } from './scope';
import { ReopenCaseHandler } from './reopen-case/reopen-case.handler';
import { SubmitDemandHandler } from './submit-demand/submit-demand.handler';
import { LinkDemandsHandler } from './link-demands/link-demands.handler';
import { SubmitDemandController } from './submit-demand/submit-demand.http.controller';
import { DraftAgreementHandler } from './draft-agreement/draft-agreement.handler';
import { DraftAgreementController } from './draft-agreement/draft-agreement.http.controller';
import { SignAgreementHandler } from './sign-agreement/sign-agreement.handler';
import { SignAgreementController } from './sign-agreement/sign-agreement.http.controller';

/**
 * The case workflow over HTTP: opening, demands, acknowledgements, analysis, opinions, meetings,
 * a mediation's agreement and its signatures, advance requests, escalation ratings, the handler, closing, and
 * the reads of the case read models.
 */
@Module({
  imports: [CqrsModule, RegistryReadsModule],
  controllers: [
    OpenCaseController,
    SubmitDemandController,
    AcknowledgeController,
    RecordAnalysisController,
    PostOpinionController,
    ListOpinionsController,
    RecordMeetingController,
    DraftAgreementController,
    SignAgreementController,
    MeetingsController,
    RequestAdvanceController,
    CloseCaseController,
    ReopenCaseController,
    RateEscalationController,
    AssignHandlerController,
    StatsController,
    ArchiveController,
    ListCasesController,
    ReadCaseController,
    ReadTimelineController,
  ],
  providers: [
    CaseQueries,
    OpenCaseHandler,
    SubmitDemandHandler,
    LinkDemandsHandler,
    AcknowledgeHandler,
    RecordAnalysisHandler,
    PostOpinionHandler,
    RecordMeetingHandler,
    DraftAgreementHandler,
    SignAgreementHandler,
    SignInMeetingHandler,
    IssueMeetingCodeHandler,
    RecordMinutesHandler,
    MeetingPeople,
    MeetingCodes,
    RequestAdvanceHandler,
    CloseCaseHandler,
    AssignHandlerHandler,
    ReopenCaseHandler,
    RateEscalationHandler,
    ListCasesHandler,
    ReadCaseHandler,
    ReadTimelineHandler,
    ListOpinionsHandler,
    ReadStatsHandler,
    ExportStatsHandler,
    ReadArchiveHandler,
  ],
  exports: [CaseQueries],
})
export class CasesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    private readonly cases: CaseQueries,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleInit(): Promise<void> {
    this.scopes.register('caseId', async (id) => {
      const scope = await this.cases.scope(id);
      return scope === undefined
        ? undefined
        : {
            communityId: scope.communityId,
            parties: { leadParty: scope.leadParty, handlerId: scope.handlerId },
          };
    });
    this.scopes.register('meetingId', async (id) => {
      const meeting = await meetingScope(this.pool, id);
      const scope = meeting === undefined ? undefined : await this.cases.scope(meeting.caseId);
      return scope === undefined
        ? undefined
        : { communityId: scope.communityId, parties: { handlerId: scope.handlerId } };
    });
    // The API reads these read models; an API started before any worker must find them.
    for (const projection of [caseViewsProjection, caseTimelineProjection])
      await projection.createTables(this.pool, liveTableNames(projection));
  }
}
