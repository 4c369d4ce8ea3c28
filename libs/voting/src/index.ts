/** Owners' votes under the Civil Code: resolutions, electorate, ballots, proxies, canvass, publication. */
export {
  ballotStream,
  RESOLUTION_STREAM_PREFIX,
  resolutionStream,
  VotingService,
  type Actor,
  type MyBallot,
  type MyStanding,
  type MyVote,
  type Voter,
  type ResolutionView,
  type TallyView,
} from './voting-service';
export { publicationCsv, publicationHtml, type Publication } from './publication';
export {
  CanvassService,
  type CanvassList,
  type CanvassUnitView,
  type Canvasser,
  type TurnoutView,
  type VisitView,
} from './canvass-service';
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
} from './ballot-sheets';
