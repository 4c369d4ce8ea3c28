/** The shapes of the public API (http-api.md) this app reads. */

export const STAGES = ['gathering', 'analysis', 'deliberation', 'follow-up'] as const;
export type Stage = (typeof STAGES)[number];

export const PARTIES = [
  'party-organisation',
  'owners-committee',
  'property-company',
  'resident-representatives',
  'partner-units',
] as const;
export type Party = (typeof PARTIES)[number];

export type Role =
  'secretary' | 'party-member' | 'resident' | 'grid-worker' | 'building-lead' | 'street-officer';

export type Mechanism = 'five-party-hall' | 'neighbourhood-consultation';
export type DemandSource = 'online' | 'door-to-door' | 'hotline' | 'grid-patrol';
export type Rating = 'satisfied' | 'basically-satisfied' | 'dissatisfied';
export type VotingRule = 'simple-majority' | 'civil-code-278';
export type Matter = 'ordinary' | 'major';
export type Choice = 'for' | 'against' | 'abstain';

export interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  user: { id: string; username: string; displayName: string };
}

export interface Membership {
  communityId: string;
  communityName?: string;
  roles: Role[];
  party: Party | null;
  unitIds: string[];
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  admin?: boolean;
  memberships: Membership[];
  /** Platform limits the app checks before sending: the largest upload, in bytes. */
  limits?: { uploadMaxBytes: number };
}

export interface Scope {
  estate: string;
  building: string | null;
  entrance: string | null;
}

export interface CaseSummary {
  id: string;
  mechanism: Mechanism;
  title: string;
  category: string;
  scope: Scope;
  stage: Stage;
  status: 'open' | 'closed';
  version: number;
  openedAt: string;
  closedAt: string | null;
  /** The vote owners can take part in now (投票中). */
  voting?: { resolutionId: string; title: string; closesAt: string } | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PartyStageRecord {
  stage: Stage;
  entry: number;
  deadline: string | null;
  remindAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  escalatedAt: string | null;
}

export interface CaseParty {
  party: Party;
  required: boolean;
  acknowledgedStages: Stage[];
  escalatedStages: Stage[];
  stages: PartyStageRecord[];
}

export interface StageEntry {
  stage: Stage;
  entry: number;
  cause: string;
  enteredAt: string;
  leftAt: string | null;
}

export interface Demand {
  id: string;
  content: string;
  source: DemandSource;
  unitId: string | null;
  submittedAt: string;
  submittedBy: string;
}

export interface Analysis {
  summary: string;
  leadParty: Party;
  siteSurvey: string | null;
  options: { title: string; description: string }[];
  recordedAt: string;
}

export interface ResolutionOnCase {
  id: string;
  title: string;
  text: string;
  rule: VotingRule;
  matter: Matter;
  closesAt: string;
  status: 'open' | 'passed' | 'failed';
  decidedAt: string | null;
}

export interface TaskReport {
  kind: 'progress' | 'completion';
  percent: number;
  note: string;
  evidence: string[];
  reportedAt: string;
}

export interface Task {
  id: string;
  title: string;
  description: string | null;
  assigneeParty: Party;
  dueAt: string;
  status: 'open' | 'done';
  percent: number;
  reports: TaskReport[];
}

export interface Unmet {
  condition: string;
  message: string;
}

export interface CaseDetail extends CaseSummary {
  communityId: string;
  description: string;
  parties: CaseParty[];
  stageHistory: StageEntry[];
  demands: Demand[];
  analysis: Analysis | null;
  notice: { publishedAt: string; noticePeriodEndsAt: string } | null;
  meetings: { id: string; heldAt: string; place: string; minutes: string; entry: number }[];
  resolutions: ResolutionOnCase[];
  tasks: Task[];
  evaluations: {
    round: number;
    window: { opensAt: string; endsAt: string } | null;
    items: { unitId: string; rating: Rating; comment: string | null }[];
  };
  advanceRequest: { to: string; requestedAt: string } | null;
  lastAdvanceRejection: { to: string; unmet: Unmet[]; rejectedAt: string } | null;
  closure: { outcome: string; reason: string | null } | null;
}

export interface TimelineItem {
  position: number;
  type: string;
  data: unknown;
  actorId: string | null;
  occurredAt: string;
}

export interface Notification {
  id: string;
  caseId: string | null;
  communityId: string;
  party: Party | null;
  kind: string;
  stage: Stage | null;
  /** The resolution of a vote's notification (voting-opened …). */
  resolutionId?: string | null;
  title: string;
  body?: string;
  createdAt: string;
  readAt: string | null;
}

export interface Resolution {
  id: string;
  caseId: string;
  title: string;
  text: string;
  rule: VotingRule;
  matter: Matter;
  status: 'open' | 'passed' | 'failed';
  closesAt: string;
  electorate: { units?: number; owners: number; area: number };
  /** `objection`: closed, the preliminary result published, objections open (询异). */
  phase?: 'voting' | 'objection' | 'final' | 'cancelled';
  preliminary?: { tally: { passed: boolean }; objectionUntil: string } | null;
  /** The caller's side: the units they may vote for, and the ballots counted for them. */
  me?: MyVote;
}

/** GET /resolutions/:id `me`. */
export interface MyVote {
  eligibleUnitIds: string[];
  units: { unitId: string; label: string; as: 'owner' | 'proxy' | 'building-lead' }[];
  ballots: MyBallot[];
  /** Why the caller cannot vote (for some unit), in the API's words. */
  reason: { code: string; message: string } | null;
}

export interface MyBallot {
  unitId: string;
  choice: Choice;
  channel: 'online' | 'proxy' | 'paper';
  castAt: string;
  byOwner: boolean;
}

export interface Count {
  owners?: number;
  units?: number;
  area?: number;
}

export type ThresholdName =
  | 'participationArea'
  | 'participationOwners'
  | 'approvalArea'
  | 'approvalOwners'
  | 'forOverAgainst';

/** One condition of the rule with the numbers it is decided on (GET /resolutions/:id/tally). */
export interface Threshold {
  name: ThresholdName;
  measure: 'area' | 'owners' | 'ballots';
  comparison: 'at-least' | 'more-than';
  required: '1/2' | '2/3' | '3/4';
  actual: { numerator: number; denominator: number; percent: string | null };
  held: boolean;
}

export interface Tally {
  rule: VotingRule;
  thresholds?: Partial<Record<ThresholdName, Threshold>>;
  matter: Matter;
  final?: boolean;
  electorate: Count;
  participated: Count;
  for: Count;
  against: Count;
  abstain: Count;
  passed: boolean;
  explanation: { zh?: string } | string;
}

export interface Member {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  party: Party | null;
  unitIds: string[];
}

export interface PartyStats {
  party: Party;
  acknowledgementsDue: number;
  acknowledgedOnTime: number;
  onTimeAcknowledgementRate: number | null;
  escalations: number;
  ratingSatisfactionRate: number | null;
}

/** GET /communities/:id/stats: the cohort of cases opened in [from, to), as they stand now. */
export interface Stats {
  cases: { opened: number; open: number; closed: number };
  closureRate: number | null;
  satisfactionRate: number | null;
  onTimeAcknowledgementRate: number | null;
  escalations: number;
  averageDaysPerStage: Partial<Record<Stage, number | null>>;
  endStates: { resolved: number; unresolved: number; withdrawn: number; unevaluated: number };
  evaluations: {
    total: number;
    satisfied: number;
    basicallySatisfied: number;
    dissatisfied: number;
  };
  parties: PartyStats[];
}

export interface CommunityStats extends Stats {
  communityId: string;
  from: string | null;
  to: string | null;
  estate: string | null;
  asOf: string;
  estates: (Stats & { estate: string })[];
}

export interface Unit {
  id: string;
  estate: string;
  building: string;
  entrance: string;
  room: string;
  area: number;
}

/** A written proxy (委托书): the agent votes for the unit while it is active. */
export interface Proxy {
  id: string;
  communityId: string;
  unitId: string;
  agentId: string;
  grantedBy: string;
  validFrom: string;
  validUntil: string;
  scanUrl: string;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

/** A party's response (反馈) or a resident's view on a case (GET /cases/:id/opinions). */
export interface Opinion {
  id: string;
  content: string;
  replyTo: string | null;
  party: Party | null;
  stage: Stage;
  authorId: string;
  authorName: string;
  postedAt: string;
}

/** Canvassing (扫楼, docs/voting.md): where a unit stands and how far the vote is from two thirds. */
export type CanvassStatus =
  'not-reached' | 'reached' | 'promised' | 'declined' | 'unreachable' | 'voted';
export type CanvassChannel = 'door' | 'phone' | 'video' | 'on-site';
export type CanvassOutcome = 'reached' | 'promised' | 'declined' | 'unreachable';

export interface UnitPlace {
  unitId: string;
  estate: string;
  building: string;
  entrance: string;
  room: string;
  area: number;
}

export interface Visit {
  id: string;
  unitId: string;
  channel: CanvassChannel;
  outcome: CanvassOutcome;
  note: string | null;
  visitedAt: string;
}

export interface CanvassList {
  final: boolean;
  counts: Record<CanvassStatus, number>;
  units: (UnitPlace & { status: CanvassStatus; visits: Visit[] })[];
}

export interface AreaMeasure {
  participated: number;
  electorate: number;
  required: number;
  gap: number;
  reached: boolean;
}

export interface HeadcountMeasure {
  participated: number;
  electorate: number;
  required: number;
  gap: number;
  reached: boolean;
}

export interface BuildingTurnout {
  estate: string;
  building: string;
  units: { total: number; voted: number };
  byArea: AreaMeasure;
  byHeadcount: HeadcountMeasure;
  reached: boolean;
}

export interface Turnout extends BuildingTurnout {
  final: boolean;
  closesAt: string;
  scope: { estate: string | null; building: string | null };
  closers: { units: UnitPlace[]; area: number; addsOwner: boolean }[];
  perBuilding: BuildingTurnout[];
}

/** 实名绑定: an account bound to a unit (never a number). */
export interface UnitBinding {
  id: string;
  unitId: string;
  unit: { estate: string; building: string; entrance: string; room: string };
  userId: string;
  method: 'registry-match' | 'secretary-approval';
  boundAt: string;
  active: boolean;
}

export interface BindingRequest {
  id: string;
  communityId: string;
  unitId: string;
  userId: string;
  status: 'pending' | 'approved' | 'rejected';
  evidence: { url: string; contentType: string; fileName: string | null };
  createdAt: string;
  decidedAt: string | null;
  reason: string | null;
}

/** 询异: an owner's objection to how their unit's vote is recorded, and the secretary's answer. */
export interface Objection {
  id: string;
  unitId: string;
  filedBy: string;
  content: string;
  filedAt: string;
  answer: {
    upheld: boolean;
    reason: string;
    correction: { unitId: string; choice: Choice | null } | null;
    answeredAt: string;
  } | null;
}

/** A printed ballot sheet (表决票) with its serial. */
export interface BallotSheet {
  serial: string;
  unitId: string;
  building: string;
  entrance: string;
  room: string;
  status: 'issued' | 'cast' | 'replaced' | 'refused' | 'voided';
}
