/** Owners' votes under the Civil Code: resolutions, electorate, ballots, proxies, canvass, publication. */
export { VotingCoreModule, VotingModule } from './voting.module';
export { ResolutionRepository } from './resolution.repository';
export { BallotBox } from './ballot-box';
export { ballotStream, RESOLUTION_STREAM_PREFIX, resolutionStream } from './voting-streams';
export {
  type Actor,
  type MyBallot,
  type MyStanding,
  type MyVote,
  type Voter,
  type ResolutionView,
  type TallyView,
} from './voting.types';
export { OpenVotingCommand } from './draft-resolution/open-voting.command';
export { DraftResolutionCommand } from './draft-resolution/draft-resolution.command';
export { CastBallotCommand } from './cast-ballot/cast-ballot.command';
export { CancelVotingCommand, CloseVotingCommand } from './close-voting/close-voting.command';
export { FinaliseResultCommand, SettleResultCommand } from './settle-result/settle-result.command';
export { FileObjectionCommand } from './file-objection/file-objection.command';
export { AnswerObjectionCommand } from './answer-objection/answer-objection.command';
export {
  ObjectionsQuery,
  ResolutionQuery,
  TallyQuery,
} from './resolution-queries/resolution.query';
export { PublicationQuery } from './publication/publication.query';
export { publicationCsv, publicationHtml, type Publication } from './publication/publication';
export { CanvassService } from './canvass/canvass.service';
export {
  type CanvassList,
  type CanvassUnitView,
  type Canvasser,
  type TurnoutView,
  type VisitView,
} from './canvass/canvass.views';
export {
  BallotSheetService,
  type BallotConflictReport,
  type BallotConflictView,
  type BallotSheetList,
  type BallotSheetView,
  type ConflictBallotView,
  type SheetActor,
  type SheetFilter,
  type SheetStatus,
} from './ballot-sheets/ballot-sheets.service';
export { OpenVotingJobs } from './draft-resolution/open-voting.jobs';
export { closeVotingJobId, CloseVotingJobs } from './close-voting/close-voting.jobs';
export {
  voteReminderJobId,
  VoteReminderJobs,
  voteReminderSourceId,
} from './remind-voters/remind-voters.jobs';
export { finaliseVoteJobId, SettleResultJobs } from './settle-result/settle-result.jobs';
export { VotingNotices } from './notices/voting.notices';
export { VotingRepairs } from './reconcile/voting-repairs';
