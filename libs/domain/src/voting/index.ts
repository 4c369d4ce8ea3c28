export {
  buildElectorate,
  voterKeyOf,
  type Electorate,
  type ElectorateTotals,
  type ElectorateUnit,
  type ElectorateUnitInput,
  type OwnerKind,
  type UnitOwner,
  type VoterKey,
} from './electorate';
export {
  CHOICES,
  MATTERS,
  VOTING_RULES,
  tally,
  type Ballot,
  type Choice,
  type CivilCodeTally,
  type Count,
  type Matter,
  type SimpleMajorityTally,
  type Tally,
  type Threshold,
  type ThresholdName,
  type VotingRule,
} from './tally';
export type { Explanation } from './explanation';
export type { Comparison, LegalFraction } from './exact';
export { percentAgainst } from './exact';
export {
  BALLOT_CHANNELS,
  acceptBallot,
  type BallotAcceptance,
  type BallotChannel,
  type BallotSource,
} from './ballot-acceptance';
export {
  castBallot,
  castOwnBallot,
  countableBallots,
  indexOf,
  isVotingOpened,
  type BallotAuthority,
  type BallotBoxStatus,
  type BallotCast,
  type BallotRequest,
  type VotingClosed,
  type VotingEvent,
  type VotingOpened,
} from './ballot-box';
export { turnout, type Closer, type Turnout, type TurnoutMeasure } from './turnout';
export {
  CANVASS_CHANNELS,
  CANVASS_OUTCOMES,
  CANVASS_STATUSES,
  MAX_VISIT_NOTE,
  canvassStatus,
  recordVisit,
  type CanvassAuthority,
  type CanvassChannel,
  type CanvassOutcome,
  type CanvassStatus,
  type CanvassVisit,
  type VisitRequest,
} from './canvass';
export {
  checkCharacter,
  newSerial,
  parseSerial,
  resolutionCode,
  SERIAL_ALPHABET,
  SERIAL_RANDOM_CHARS,
  unitConflict,
  unitOfSheet,
  type BallotSheetRecord,
  type ConflictBallotStatus,
  type UnitBallotEntry,
  type UnitConflict,
} from './ballot-sheets';
