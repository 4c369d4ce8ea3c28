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
