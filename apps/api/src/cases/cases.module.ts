import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { liveTableNames } from '@yishi/projections';
import { caseScope, caseTimelineProjection, caseViewsProjection, taskScope } from '@yishi/cases';
import { ScopeResolvers } from '@yishi/access';
import { AcknowledgeController } from './commands/acknowledge/acknowledge.http.controller';
import { AssignTaskController } from './commands/assign-task/assign-task.http.controller';
import { CloseCaseController } from './commands/close-case/close-case.http.controller';
import { CompleteTaskController } from './commands/complete-task/complete-task.http.controller';
import { EvaluateController } from './commands/evaluate/evaluate.http.controller';
import { OpenCaseController } from './commands/open-case/open-case.http.controller';
import { OpinionsController } from './commands/post-opinion/post-opinion.http.controller';
import { RecordAnalysisController } from './commands/record-analysis/record-analysis.http.controller';
import { EvidenceController } from './evidence/evidence.http.controller';
import { StatsController } from './queries/stats.http.controller';
import { ArchiveController } from './queries/archive.http.controller';
import { RateEscalationController } from './commands/rate-escalation/rate-escalation.http.controller';
import { ReassignTaskController } from './commands/reassign-task/reassign-task.http.controller';
import { RecordMeetingController } from './commands/record-meeting/record-meeting.http.controller';
import { ReportProgressController } from './commands/report-progress/report-progress.http.controller';
import { RequestAdvanceController } from './commands/request-advance/request-advance.http.controller';
import { SubmitDemandController } from './commands/submit-demand/submit-demand.http.controller';
import { CaseQueriesController } from './queries/case-queries.http.controller';
import { RunCaseCommandHandler } from './run-case-command';

@Module({
  imports: [CqrsModule],
  controllers: [
    OpenCaseController,
    SubmitDemandController,
    AcknowledgeController,
    RecordAnalysisController,
    OpinionsController,
    RecordMeetingController,
    RequestAdvanceController,
    CloseCaseController,
    AssignTaskController,
    ReportProgressController,
    CompleteTaskController,
    ReassignTaskController,
    RateEscalationController,
    EvidenceController,
    StatsController,
    ArchiveController,
    EvaluateController,
    CaseQueriesController,
  ],
  providers: [RunCaseCommandHandler],
})
export class CasesModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async onModuleInit(): Promise<void> {
    this.scopes.register('caseId', async (id) => {
      const scope = await caseScope(this.pool, id);
      return scope === undefined
        ? undefined
        : { communityId: scope.communityId, parties: { leadParty: scope.leadParty } };
    });
    this.scopes.register('taskId', async (id) => {
      const scope = await taskScope(this.pool, id);
      return scope === undefined
        ? undefined
        : {
            communityId: scope.communityId,
            parties: { leadParty: scope.leadParty, assigneeParty: scope.assigneeParty },
          };
    });
    // The API reads these read models; an API started before any worker must find them.
    for (const projection of [caseViewsProjection, caseTimelineProjection])
      await projection.createTables(this.pool, liveTableNames(projection));
  }
}
