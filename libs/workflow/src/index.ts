export {
  CASE_STREAM_PREFIX,
  caseIdOf,
  CaseRepository,
  CaseSnapshots,
  caseStream,
  type CaseOutcome,
  type LoadedCase,
} from './case-repository';
export { caseTimelineProjection } from './projections/case-timeline.projection';
export { caseViewsProjection } from './projections/case-views.projection';
export { caseScope, caseUnitScope, resolutionScope, taskScope } from './scope';
export { listCases, readCaseOpinions, readCaseView, readTimeline } from './case-queries';
export { toCaseSummary, toCaseView, type CaseView } from './case-view';
export { advanceJobId, timerJobId, wantedAdvance } from './advance';
export {
  awaitingAcknowledgement,
  awaitingTask,
  currentDeadlines,
  deadlineJobId,
  deadlineRows,
  mayAdvance,
  taskDeadlineRows,
  wantedTimers,
  type DeadlineKey,
  type DeadlineRow,
  type DeadlineStatus,
  type EnteredDeadlines,
} from './deadlines';
export {
  cancelDeadlines,
  finishDeadline,
  insertDeadlines,
  NO_TASK,
  openCaseStates,
  pendingDeadlines,
  pendingDeadlinesOf,
  readDeadline,
  type DeadlineRecord,
} from './deadline-store';
export {
  ballotStream,
  RESOLUTION_STREAM_PREFIX,
  resolutionStream,
  VotingService,
  type Actor,
  type ResolutionView,
  type TallyView,
} from './voting/voting-service';
export { publicationCsv, publicationHtml, type Publication } from './voting/publication';
export {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_TYPES,
  sniffEvidenceType,
  type EvidenceType,
} from './evidence/sniff';
export { LocalEvidenceStorage, sha256Hex, type EvidenceStorage } from './evidence/storage';
export {
  evidenceOfCase,
  evidenceOfTask,
  insertEvidence,
  evidencePath,
  readEvidence,
  uploadOf,
  type EvidenceFile,
} from './evidence/evidence-store';
export { computeStats, inRange, type PartyStats, type Stats, type StatsRange } from './stats/stats';
export { communityStats, type CommunityStats } from './stats/stats-query';
export { statsCsv } from './stats/stats-csv';
export { endStateOf, type EndState } from './case-view';
export {
  buildArchive,
  renderArchiveHtml,
  type ArchivedTimer,
  type ConsultationArchive,
} from './archive/archive';
export {
  readVerifiedStream,
  type ArchivedEvent,
  type StreamVerification,
} from './archive/stream-verify';
