export {
  CASE_STREAM_PREFIX,
  caseIdOf,
  CaseRepository,
  CaseSnapshots,
  caseStream,
  type CaseOutcome,
  type LoadedCase,
} from './case-repository';
export { CaseStoreModule } from './case-store.module';
export { caseTimelineProjection } from './projections/case-timeline.projection';
export { caseViewsProjection } from './projections/case-views.projection';
export { caseScope, caseUnitScope, meetingScope, resolutionScope, taskScope } from './scope';
export { listCases, readCaseOpinions, readCaseView, readTimeline } from './case-queries';
export { toCaseSummary, toCaseView, type CaseView } from './case-view';
export { advanceJobId, timerJobId } from './advance/advance-job-ids';
export {
  awaitingAcknowledgement,
  awaitingTask,
  currentDeadlines,
  deadlineTimerJobId,
  deadlineRows,
  taskDeadlineRows,
  wantedTimers,
  type DeadlineGroup,
  type DeadlineKey,
  type DeadlineRow,
  type DeadlineStatus,
  type EnteredDeadlines,
} from './deadlines/deadlines';
export {
  cancelDeadlines,
  enterDeadlines,
  finishDeadline,
  groupsOf,
  insertDeadlines,
  NO_TASK,
  openCaseStates,
  pendingDeadlines,
  pendingDeadlinesOf,
  type DeadlineRecord,
} from './deadlines/deadline-store';
export {
  evidenceOfCase,
  evidenceOfTask,
  insertEvidence,
  evidencePath,
  readEvidence,
  uploadOf,
  type EvidenceFile,
} from './evidence/evidence-store';
export {
  computeStats,
  inRange,
  statFactsOf,
  type AcknowledgementFact,
  type CaseStatFacts,
  type PartyStats,
  type RoundEvaluations,
  type Stats,
  type StatsRange,
} from './stats/stats';
export { communityStats, type CommunityStats } from './stats/stats-query';
export { statsCsv } from './stats/stats-csv';
export { DEMAND_FIGURES_CSV_HEADER, demandFiguresCsvRow } from './stats/demand-stats-csv';
export { CASE_FIGURES_CSV_HEADER, caseFiguresCsvCells } from './stats/stats-csv';
export { endStateOf, type EndState } from './case-view';
export { buildArchive, type ArchivedTimer, type ConsultationArchive } from './archive/archive';
export { renderArchiveHtml } from './archive/archive-html';
export { renderArchivePdf } from './archive/archive-pdf';
export {
  readVerifiedStream,
  type ArchivedEvent,
  type StreamVerification,
} from './archive/stream-verify';
export { CasesModule } from './cases.module';
export { type CaseActor } from './case-actor';
export { CaseQueries } from './case.queries';
export { CaseWriteResponse, WhistleLinkView } from './cases.dto';
export { AcknowledgeCommand } from './acknowledge/acknowledge.command';
export { RequestAdvanceCommand } from './advance/request-advance.command';
export { CloseCaseCommand } from './close-case/close-case.command';
export { OpenCaseCommand } from './open-case/open-case.command';
export { CaseScopeDto, OpenCaseRequest } from './open-case/open-case.request.dto';
export { PostOpinionCommand } from './post-opinion/post-opinion.command';
export { RateEscalationCommand } from './rate-escalation/rate-escalation.command';
export { RecordAnalysisCommand } from './record-analysis/record-analysis.command';
export { RecordMeetingCommand } from './record-meeting/record-meeting.command';
export { ReopenCaseCommand } from './reopen-case/reopen-case.command';
export { SubmitDemandCommand, type DemandSubmitter } from './submit-demand/submit-demand.command';
export { LinkDemandsCommand } from './link-demands/link-demands.command';
export { ListCasesQuery } from './list-cases/list-cases.query';
export { ListOpinionsQuery } from './list-opinions/list-opinions.query';
export { ReadArchiveQuery } from './read-archive/read-archive.query';
export { ReadCaseQuery } from './read-case/read-case.query';
export { ReadStatsQuery, type CommunityFigures } from './read-stats/read-stats.query';
export { statsRange } from './read-stats/read-stats.handler';
export {
  DemandFiguresView,
  StatsRatesView,
  StatsRateView,
} from './read-stats/read-stats.response.dto';
export {
  DEMAND_RATES,
  DemandStatsQuery,
  type DemandFigures,
  type DemandRateName,
  type DemandStats,
} from './read-stats/demand-stats.query';
export { ExportStatsQuery, type StatsExport } from './export-stats/export-stats.query';
export { ReadTimelineQuery } from './read-timeline/read-timeline.query';
export { AdvanceJobs } from './advance/advance.jobs';
export { CaseNotices } from './notices/case-notices';
export { MeetingNotices } from './notices/meeting-notices';
export { DeadlineJobs } from './deadlines/deadline.jobs';
export { EscalationJobs } from './deadlines/escalation.jobs';
export {
  OPEN_CASE_REPAIRS,
  RECONCILER_SCHEDULER_ID,
  ReconcilerJobs,
  type CaseRepairs,
  type OpenCaseRepairs,
  type ReconcileReport,
} from './deadlines/reconciler.jobs';
export { loadCaseOnce, WORKFLOW_ACTOR } from './reactions';
