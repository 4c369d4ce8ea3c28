/**
 * The vocabulary of a case (see the project's domain notes): stages, parties, mechanisms, and the
 * state a case folds to. Everything here is plain JSON-serialisable data.
 */

/** The four stages, in order (四步工作法). */
export const STAGES = ['gathering', 'analysis', 'deliberation', 'follow-up'] as const;
export type Stage = (typeof STAGES)[number];

import { type CaseProcedure } from './procedure';
import { type WhistleLink } from '../whistle/links';
import { type Party } from '../community';
import { type Matter, type VotingRule } from '../voting/tally';

/** The five parties (五方) and the voting rules have one definition each, shared with the registry and the tally. */
export { PARTIES, type Party } from '../community';
export { MATTERS, VOTING_RULES, type Matter, type VotingRule } from '../voting/tally';

export const MECHANISMS = ['five-party-hall', 'neighbourhood-consultation'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const DEMAND_SOURCES = ['online', 'door-to-door', 'hotline', 'grid-patrol'] as const;
export type DemandSource = (typeof DEMAND_SOURCES)[number];

export const RATINGS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export type CaseStatus = 'open' | 'closed';

/**
 * How a closed case ended. `resolved` and `unevaluated` come only from the follow-up gate (enough
 * of the units asked answered and enough of them were satisfied; too few answered, nobody included);
 * `unresolved` and `withdrawn` from a manual close.
 */
export const OUTCOMES = ['resolved', 'unresolved', 'withdrawn', 'unevaluated'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where an advance can go: the next stage, or `closed` after follow-up. */
export type AdvanceTarget = Stage | 'closed';

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** An exact fraction, so a threshold like 2/3 is compared without rounding. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** The community settings in force when a stage was entered (a change applies to later stages). */
export interface CaseSettings {
  readonly acknowledgementHours: number;
  readonly reminderBeforeHours: number;
  readonly noticePeriodHours: number;
  readonly evaluationWindowHours: number;
  readonly satisfactionThreshold: Fraction;
  /**
   * Working-day deadlines (issue 6). Absent in events written before them, so optional; null or
   * absent means hours. When set, the acknowledgement deadline is this many working days after the
   * stage entry (Chinese calendar), and acknowledgementHours is not used.
   */
  readonly acknowledgementWorkingDays?: number | null;
  /** With acknowledgementWorkingDays: remind this many working days before the deadline. */
  readonly reminderBeforeWorkingDays?: number | null;
  /** A task given without a due date is due this many working days after it is assigned. */
  readonly taskDueWorkingDays?: number;
  /** The assignee party is reminded this many hours before a task's due date. */
  readonly taskReminderBeforeHours?: number;
  /**
   * The share of the units in scope that must evaluate for the round to count (0 to 1, exact):
   * fewer, and the case closes `unevaluated`. Read when a round is concluded, from the settings the
   * conclusion carries (a change applies to rounds concluded after it).
   */
  readonly minEvaluationResponse?: Fraction;
}

/** Defaults of the optional settings, for events written before them. */
export const DEFAULT_TASK_DUE_WORKING_DAYS = 10;
export const DEFAULT_TASK_REMINDER_BEFORE_HOURS = 24;
export const DEFAULT_MIN_EVALUATION_RESPONSE: Fraction = { numerator: 3, denominator: 10 };

export interface Scope {
  readonly estate: string;
  readonly building: string | null;
  readonly entrance: string | null;
}

export interface AcknowledgementDeadline {
  readonly party: Party;
  readonly deadline: string;
  readonly remindAt: string;
}

/** One party's record for one stage entry: its deadline (required parties only), 签收 and 吹哨. */
export interface PartyStageRecord {
  readonly stage: Stage;
  readonly entry: number;
  readonly deadline: string | null;
  readonly remindAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly escalatedAt: string | null;
}

export interface CaseParty {
  readonly party: Party;
  readonly required: boolean;
  /** Stages (not entries) this party has acknowledged at least once, in order of first acknowledgement. */
  readonly acknowledgedStages: readonly Stage[];
  readonly escalatedStages: readonly Stage[];
  readonly stages: readonly PartyStageRecord[];
}

/** One entry into a stage. A stage can be entered more than once (a failed vote, a reopen). */
export type StageEntryCause = 'opened' | 'advanced' | 'returned' | 'reopened';

export interface StageEntry {
  readonly stage: Stage;
  /** 1 for the first entry of the case, counting every entry of every stage. */
  readonly entry: number;
  readonly cause: StageEntryCause;
  readonly enteredAt: string;
  readonly leftAt: string | null;
}

export interface Demand {
  readonly id: string;
  readonly content: string;
  /** A ledger demand's source may also be `lead` (三长上报); DemandSource is a part of it. */
  readonly source: DemandSource | 'lead';
  readonly unitId: string | null;
  readonly submittedAt: string;
  readonly submittedBy: string;
  /** For a demand of the ledger linked to the case (诉求台账): its readable number, else absent. */
  readonly number?: string;
  readonly linkedAt?: string;
}

export interface AnalysisOption {
  readonly title: string;
  readonly description: string;
}

export interface Analysis {
  readonly summary: string;
  readonly leadParty: Party;
  readonly siteSurvey: string | null;
  readonly options: readonly AnalysisOption[];
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export interface Notice {
  readonly publishedAt: string;
  readonly noticePeriodEndsAt: string;
}

export interface Opinion {
  readonly id: string;
  readonly content: string;
  readonly replyTo: string | null;
  readonly party: Party | null;
  readonly stage: Stage;
  readonly postedAt: string;
  readonly authorId: string;
}

export interface Attendance {
  readonly party: Party;
  readonly attendees: readonly string[];
}

/**
 * The circle a person comes to a meeting in: for one of the five parties, or the wider circle
 * (两代表一委员, a serving party member, a resident, a mediator, the community's staff, a guest).
 */
export const MEETING_CIRCLES = [
  'party',
  'deputy',
  'serving-party-member',
  'resident',
  'mediator',
  'community',
  'guest',
] as const;
export type MeetingCircle = (typeof MEETING_CIRCLES)[number];

/** How an attendee signed in: on their phone, with the room's one-time code, or on the paper sheet. */
export const SIGN_IN_METHODS = ['self', 'code', 'sheet'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

/** Someone invited to, or signed in at, a meeting; `party` only for the circle `party`. */
export interface MeetingPerson {
  readonly userId: string;
  readonly party: Party | null;
  readonly circle: MeetingCircle;
}

export interface MeetingSignIn extends MeetingPerson {
  readonly at: string;
  readonly by: SignInMethod;
}

export interface Meeting {
  readonly id: string;
  /** When it is (scheduled) or was (recorded after the fact) held. */
  readonly heldAt: string;
  readonly place: string;
  /** Announced ahead (invitees, sign-in) or recorded after the fact from the paper sheet. */
  readonly scheduled: boolean;
  readonly invitees: readonly MeetingPerson[];
  readonly signIns: readonly MeetingSignIn[];
  /** The signed-in attendees of each party: what the gate counts. */
  readonly attendance: readonly Attendance[];
  /** Empty until the minutes are recorded. */
  readonly minutes: string;
  readonly minutesFileIds: readonly string[];
  readonly minutesRecordedAt: string | null;
  /** The deliberation entry it belongs to: only meetings of the current entry count at the gate. */
  readonly entry: number;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

/** `cancelled`: the case was closed by hand while the vote was open (no result). */
export type ResolutionStatus = 'open' | 'passed' | 'failed' | 'cancelled';

export interface Resolution {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly rule: VotingRule;
  readonly matter: Matter;
  readonly closesAt: string;
  readonly status: ResolutionStatus;
  readonly entry: number;
  readonly draftedAt: string;
  readonly draftedBy: string;
  readonly tally: { readonly [key: string]: JsonValue } | null;
  readonly decidedAt: string | null;
}

export type TaskStatus = 'open' | 'done';

export interface TaskReport {
  readonly kind: 'progress' | 'completion';
  readonly percent: number;
  readonly note: string;
  readonly evidence: readonly string[];
  readonly reportedAt: string;
  readonly reportedBy: string;
}

export interface TaskReassignment {
  readonly from: Party;
  readonly to: Party;
  readonly dueAt: string;
  readonly reason: string | null;
  readonly reassignedAt: string;
  readonly reassignedBy: string;
}

export interface Task {
  readonly id: string;
  /** When the assignee party is reminded (before dueAt); null in tasks assigned before reminders. */
  readonly remindAt: string | null;
  readonly title: string;
  readonly description: string | null;
  readonly assigneeParty: Party;
  readonly dueAt: string;
  readonly status: TaskStatus;
  readonly percent: number;
  readonly assignedAt: string;
  readonly assignedBy: string;
  readonly completedAt: string | null;
  readonly reports: readonly TaskReport[];
  readonly reassignments: readonly TaskReassignment[];
}

/** The evaluation window of one round; it opens when the last open task is completed. */
export interface EvaluationWindow {
  readonly round: number;
  readonly opensAt: string;
  readonly endsAt: string;
}

export interface Evaluation {
  readonly unitId: string;
  readonly rating: Rating;
  readonly comment: string | null;
  readonly round: number;
  readonly evaluatedAt: string;
  readonly evaluatedBy: string;
}

export interface EvaluationSummary {
  readonly round: number;
  readonly satisfied: number;
  readonly basicallySatisfied: number;
  readonly dissatisfied: number;
  /** The responses: units that evaluated in the round. */
  readonly total: number;
  readonly threshold: Fraction;
  /** satisfied + basically satisfied reach the threshold (≥); never true with no evaluations. */
  readonly reached: boolean;
  /** The units asked (in the case's scope when the round was concluded); null when not known. */
  readonly unitsInScope: number | null;
  /** The minimum share of the units asked that had to respond (0/1 for rounds before it existed). */
  readonly minEvaluationResponse: Fraction;
  /**
   * total / unitsInScope reaches the minimum (≥, exact), and someone responded. Without it the
   * round counts for nothing: the case closes `unevaluated`, neither resolved nor reopened.
   */
  readonly responseReached: boolean;
}

/**
 * What an escalation (吹哨) was for: a party that did not acknowledge a stage in time, a task past
 * its due date, or residents not satisfied with the follow-up (a reopen).
 */
export const ESCALATION_CAUSES = ['acknowledgement', 'task-overdue', 'evaluation'] as const;
export type EscalationCause = (typeof ESCALATION_CAUSES)[number];

/** 一哨一评: the secretary's rating of how an escalation was answered. */
export interface EscalationRating {
  readonly rating: Rating;
  readonly comment: string | null;
  readonly ratedAt: string;
  readonly ratedBy: string;
}

export interface Escalation {
  /** Stable: `ack_<entry>_<party>`, `task_<taskId>_<revision>`, `eval_<round>_<party>`. */
  readonly id: string;
  readonly cause: EscalationCause;
  readonly party: Party;
  readonly stage: Stage;
  readonly entry: number;
  readonly taskId: string | null;
  readonly reason: string | null;
  readonly escalatedAt: string;
  readonly rating: EscalationRating | null;
  /** A whistle to the street's office was made for it (PartyEscalated's `toStreet`). */
  readonly toStreet?: boolean;
}

export interface AdvanceRequest {
  readonly to: AdvanceTarget;
  readonly requestedAt: string;
  readonly requestedBy: string;
}

/** A gate condition that does not hold, with a message in Chinese for the people involved. */
export type UnmetCondition =
  | 'demands'
  | 'lead-party'
  | 'options'
  | 'notice-period'
  | 'meeting'
  | 'resolution-passed'
  | 'resolution-open'
  | 'tasks-assigned'
  | 'tasks-done'
  | 'evaluation'
  | 'acknowledgement'
  | 'whistles';

export interface Unmet {
  readonly condition: UnmetCondition;
  readonly message: string;
  readonly party?: Party;
  readonly stage?: Stage;
  readonly missingParties?: readonly Party[];
  readonly until?: string;
  readonly taskIds?: readonly string[];
  readonly evaluated?: number;
  readonly unitsInScope?: number | null;
  readonly whistleIds?: readonly string[];
}

export interface AdvanceRejection {
  readonly to: AdvanceTarget;
  readonly unmet: readonly Unmet[];
  readonly rejectedAt: string;
}

export interface CaseClosure {
  readonly outcome: Outcome;
  readonly reason: string | null;
}

/** A case as its events fold: enough for the case view (GET /cases/:caseId). */
export interface Case {
  readonly id: string;
  readonly communityId: string;
  readonly mechanism: Mechanism;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly scope: Scope;
  readonly stage: Stage;
  readonly status: CaseStatus;
  readonly settings: CaseSettings;
  /** What deliberation needs: a meeting or not, and how the matter is decided (docs/procedure.md). */
  readonly procedure: CaseProcedure;
  readonly parties: readonly CaseParty[];
  readonly stageHistory: readonly StageEntry[];
  readonly demands: readonly Demand[];
  readonly analysis: Analysis | null;
  readonly notice: Notice | null;
  readonly opinions: readonly Opinion[];
  readonly meetings: readonly Meeting[];
  readonly resolutions: readonly Resolution[];
  readonly tasks: readonly Task[];
  readonly evaluationRound: number;
  readonly evaluationWindow: EvaluationWindow | null;
  /** Evaluations of the current round (earlier rounds are summarised in evaluationResults). */
  readonly evaluations: readonly Evaluation[];
  readonly evaluationResults: readonly EvaluationSummary[];
  /** Every escalation (吹哨), oldest first, with its rating (一哨一评). */
  readonly escalations: readonly Escalation[];
  /**
   * The whistles (吹哨报到) of the case, oldest first: blown by the community, or made by the
   * platform for an escalation (`escalationId`). Closing waits for every one to be settled; a party
   * escalated to the street counts as having signed once the street has answered.
   */
  readonly whistles: readonly WhistleLink[];
  readonly advanceRequest: AdvanceRequest | null;
  readonly lastAdvanceRejection: AdvanceRejection | null;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly closedAt: string | null;
  readonly closure: CaseClosure | null;
}

/** Before its first event a case does not exist. */
export type CaseState = Case | null;
