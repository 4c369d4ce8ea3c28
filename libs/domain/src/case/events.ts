import { type CaseProcedure } from './procedure';
import { type WhistleLinkEvent } from '../whistle/links';
import { type LedgerDemandRef } from './commands';
import {
  type AcknowledgementDeadline,
  type AdvanceTarget,
  type AnalysisOption,
  type Attendance,
  type CaseSettings,
  type DemandSource,
  type Fraction,
  type JsonValue,
  type Matter,
  type MeetingCircle,
  type MeetingPerson,
  type Mechanism,
  type MediationSide,
  type Outcome,
  type Party,
  type Rating,
  type Scope,
  type SignInMethod,
  type Stage,
  type StageEntryCause,
  type Unmet,
  type VotingRule,
} from './types';

/**
 * The events of a case stream. Data is plain JSON: times are ISO strings (UTC, as `toISOString`
 * writes them), absent values are `null` rather than missing, so an event survives a JSON round trip
 * unchanged. Who acted is in the data where the case view needs it (the store also keeps actorId).
 */
interface Event<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

export type CaseOpened = Event<
  'CaseOpened',
  {
    readonly caseId: string;
    readonly communityId: string;
    readonly mechanism: Mechanism;
    readonly title: string;
    readonly description: string;
    readonly category: string;
    readonly scope: Scope;
    /** Decided at open and kept, so a later change of the rule does not rewrite history. */
    readonly requiredParties: readonly Party[];
    readonly settings: CaseSettings;
    /** The procedure (docs/procedure.md); absent on cases opened before: LEGACY_PROCEDURE. */
    readonly procedure?: CaseProcedure;
    /** A mediation's sides and mediator (矛盾调解); absent for the other mechanisms. */
    readonly mediation?: { readonly sides: readonly MediationSide[]; readonly mediatorId: string };
    readonly openedAt: string;
    readonly openedBy: string;
  }
>;

/** Every entry into a stage, with the acknowledgement deadlines of the required parties. */
export type StageEntered = Event<
  'StageEntered',
  {
    readonly stage: Stage;
    readonly entry: number;
    readonly cause: StageEntryCause;
    readonly enteredAt: string;
    readonly settings: CaseSettings;
    readonly deadlines: readonly AcknowledgementDeadline[];
  }
>;

export type DemandSubmitted = Event<
  'DemandSubmitted',
  {
    readonly demandId: string;
    readonly content: string;
    readonly source: DemandSource;
    readonly unitId: string | null;
    readonly submittedAt: string;
    readonly submittedBy: string;
  }
>;

export type DemandsLinked = Event<
  'DemandsLinked',
  {
    readonly demands: readonly LedgerDemandRef[];
    readonly linkedAt: string;
    readonly linkedBy: string;
  }
>;

export type StageAcknowledged = Event<
  'StageAcknowledged',
  {
    readonly party: Party;
    readonly stage: Stage;
    readonly entry: number;
    readonly acknowledgedAt: string;
    readonly acknowledgedBy: string;
    /** Against the party's deadline; null for a party that is not required (it has none). */
    readonly onTime: boolean | null;
  }
>;

/** 吹哨: the deadline passed without an acknowledgement; the street office is called in. */
export type PartyEscalated = Event<
  'PartyEscalated',
  {
    readonly party: Party;
    readonly stage: Stage;
    readonly entry: number;
    readonly deadline: string;
    readonly escalatedAt: string;
    /**
     * A whistle to the street's office is made for it (the community belongs to a street): the
     * gate then waits until the party signs or the street answers. Absent on older events: the
     * escalation alone counted.
     */
    readonly toStreet?: boolean;
  }
>;

export type AnalysisRecorded = Event<
  'AnalysisRecorded',
  {
    readonly summary: string;
    readonly leadParty: Party;
    readonly siteSurvey: string | null;
    readonly options: readonly AnalysisOption[];
    readonly recordedAt: string;
    readonly recordedBy: string;
  }
>;

export type NoticePublished = Event<
  'NoticePublished',
  { readonly publishedAt: string; readonly noticePeriodEndsAt: string }
>;

export type OpinionPosted = Event<
  'OpinionPosted',
  {
    readonly opinionId: string;
    readonly content: string;
    readonly replyTo: string | null;
    readonly party: Party | null;
    readonly stage: Stage;
    readonly postedAt: string;
    readonly authorId: string;
  }
>;

export type MeetingRecorded = Event<
  'MeetingRecorded',
  {
    readonly meetingId: string;
    readonly heldAt: string;
    readonly place: string;
    readonly attendance: readonly Attendance[];
    readonly minutes: string;
    readonly recordedAt: string;
    readonly recordedBy: string;
  }
>;

/** A meeting announced ahead: its invitees are told, and sign in when they come. */
export type MeetingScheduled = Event<
  'MeetingScheduled',
  {
    readonly meetingId: string;
    readonly scheduledAt: string;
    readonly place: string;
    readonly invitees: readonly MeetingPerson[];
    readonly recordedAt: string;
    readonly recordedBy: string;
  }
>;

export type MeetingSignedIn = Event<
  'MeetingSignedIn',
  {
    readonly meetingId: string;
    readonly userId: string;
    readonly party: Party | null;
    readonly circle: MeetingCircle;
    readonly by: Exclude<SignInMethod, 'sheet'>;
    readonly signedInAt: string;
  }
>;

/** The minutes of a meeting, with photos or a signed scan; recorded again, the latest stands. */
export type MinutesRecorded = Event<
  'MinutesRecorded',
  {
    readonly meetingId: string;
    readonly text: string;
    readonly fileIds: readonly string[];
    readonly recordedAt: string;
    readonly recordedBy: string;
  }
>;

export type ResolutionDrafted = Event<
  'ResolutionDrafted',
  {
    readonly resolutionId: string;
    readonly title: string;
    readonly text: string;
    readonly rule: VotingRule;
    readonly matter: Matter;
    readonly closesAt: string;
    readonly draftedAt: string;
    readonly draftedBy: string;
    /**
     * Choosing among plans (absent on a yes/no resolution and on older events). Kept on the event;
     * voting reads it from here when it opens (docs/procedure.md, step 3).
     */
    readonly options?: readonly { readonly title: string }[];
  }
>;

export type VoteRecorded = Event<
  'VoteRecorded',
  {
    readonly resolutionId: string;
    readonly passed: boolean;
    readonly tally: { readonly [key: string]: JsonValue };
    readonly recordedAt: string;
  }
>;

/**
 * The case was closed by hand while this resolution was being voted on: the vote is cancelled
 * (no result), and the worker closes its ballot box. A reopened case drafts a new resolution.
 */
export type ResolutionCancelled = Event<
  'ResolutionCancelled',
  {
    readonly resolutionId: string;
    readonly reason: 'case-closed';
    readonly cancelledAt: string;
  }
>;

/** A failed vote sends the case back to analysis; a StageEntered for analysis follows. */
export type StageReturned = Event<
  'StageReturned',
  {
    readonly from: 'deliberation';
    readonly to: 'analysis';
    readonly reason: 'vote-failed';
    readonly resolutionId: string;
    readonly returnedAt: string;
  }
>;

export type AdvanceRequested = Event<
  'AdvanceRequested',
  {
    readonly from: Stage;
    readonly to: AdvanceTarget;
    readonly requestedAt: string;
    readonly requestedBy: string;
  }
>;

export type StageAdvanceRejected = Event<
  'StageAdvanceRejected',
  {
    readonly from: Stage;
    readonly to: AdvanceTarget;
    readonly unmet: readonly Unmet[];
    readonly rejectedAt: string;
  }
>;

/** The gate held; a StageEntered for `to` follows. */
export type StageAdvanced = Event<
  'StageAdvanced',
  { readonly from: Stage; readonly to: Stage; readonly advancedAt: string }
>;

export type TaskAssigned = Event<
  'TaskAssigned',
  {
    readonly taskId: string;
    readonly title: string;
    readonly description: string | null;
    readonly assigneeParty: Party;
    readonly dueAt: string;
    /** When the assignee is reminded; absent in events written before task reminders. */
    readonly remindAt?: string;
    readonly assignedAt: string;
    readonly assignedBy: string;
  }
>;

export type TaskProgressReported = Event<
  'TaskProgressReported',
  {
    readonly taskId: string;
    readonly percent: number;
    readonly note: string;
    readonly evidence: readonly string[];
    readonly reportedAt: string;
    readonly reportedBy: string;
  }
>;

export type TaskCompleted = Event<
  'TaskCompleted',
  {
    readonly taskId: string;
    readonly note: string;
    readonly evidence: readonly string[];
    readonly completedAt: string;
    readonly completedBy: string;
    readonly onTime: boolean;
  }
>;

export type TaskReassigned = Event<
  'TaskReassigned',
  {
    readonly taskId: string;
    readonly from: Party;
    readonly to: Party;
    readonly dueAt: string;
    /** The reminder for the new due date; absent in events written before task reminders. */
    readonly remindAt?: string;
    readonly reason: string | null;
    readonly reassignedAt: string;
    readonly reassignedBy: string;
  }
>;

/** Follows the TaskCompleted that leaves no task open. */
export type EvaluationOpened = Event<
  'EvaluationOpened',
  { readonly round: number; readonly opensAt: string; readonly endsAt: string }
>;

export type EvaluationSubmitted = Event<
  'EvaluationSubmitted',
  {
    readonly unitId: string;
    readonly rating: Rating;
    readonly comment: string | null;
    readonly round: number;
    readonly evaluatedAt: string;
    readonly evaluatedBy: string;
  }
>;

/**
 * The count at the follow-up gate; a CaseClosed or a CaseReopened follows. The responses are
 * `total` of the `unitsInScope` asked. Events from before the minimum response lack
 * `minEvaluationResponse` and `responseReached`: no minimum applied then (evolve reads 0 and
 * "someone responded").
 */
export type EvaluationConcluded = Event<
  'EvaluationConcluded',
  {
    readonly round: number;
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly dissatisfied: number;
    readonly total: number;
    readonly unitsInScope: number | null;
    readonly threshold: Fraction;
    readonly reached: boolean;
    readonly minEvaluationResponse?: Fraction;
    readonly responseReached?: boolean;
    readonly concludedAt: string;
  }
>;

export type CaseClosed = Event<
  'CaseClosed',
  {
    readonly outcome: Outcome;
    readonly reason: string | null;
    /** The stage the case was in; a reopen returns to it. */
    readonly stage: Stage;
    readonly closedAt: string;
    readonly closedBy: string;
  }
>;

/**
 * `closed`: a closed case reopened by hand. `evaluation`: too few residents satisfied at the
 * follow-up gate. A StageEntered for `stage` follows; in follow-up a new evaluation round starts.
 */
export type CaseReopened = Event<
  'CaseReopened',
  {
    readonly from: 'closed' | 'evaluation';
    readonly reason: string;
    readonly stage: Stage;
    readonly round: number;
    readonly reopenedAt: string;
    readonly reopenedBy: string;
  }
>;

/**
 * 吹哨 in follow-up: a task past its due date (sent by the queue), or residents not satisfied at the
 * end of an evaluation round (one per responsible party, with the reopen). The street officers are
 * notified; the secretary rates the answer (EscalationRated).
 */
export type FollowUpEscalated = Event<
  'FollowUpEscalated',
  {
    readonly escalationId: string;
    readonly cause: 'task-overdue' | 'evaluation';
    readonly party: Party;
    readonly entry: number;
    readonly taskId: string | null;
    readonly round: number;
    readonly reason: string;
    /** The time that was missed: the task's due date, or the evaluation window's end. */
    readonly deadline: string;
    readonly escalatedAt: string;
  }
>;

/** 一哨一评: the secretary rates how an escalated party answered. Once per escalation. */
export type EscalationRated = Event<
  'EscalationRated',
  {
    readonly escalationId: string;
    readonly rating: Rating;
    readonly comment: string | null;
    readonly ratedAt: string;
    readonly ratedBy: string;
  }
>;

/** The secretary named the case's handler (经办人, a case worker); a later one replaces them. */
export type CaseHandlerAssigned = Event<
  'CaseHandlerAssigned',
  {
    readonly userId: string;
    readonly assignedAt: string;
    readonly assignedBy: string;
  }
>;

/**
 * The mediator (or the secretary) drafts the agreement (调解协议). Draft n replaces draft n-1 and
 * clears its signatures: every side signs the text it now reads.
 */
export type AgreementDrafted = Event<
  'AgreementDrafted',
  {
    readonly draft: number;
    readonly text: string;
    readonly draftedAt: string;
    readonly draftedBy: string;
  }
>;

/** A side signs a draft in the app; the last side's signature is followed by CaseClosed resolved. */
export type AgreementSigned = Event<
  'AgreementSigned',
  {
    readonly draft: number;
    readonly unitId: string;
    readonly signedAt: string;
    readonly signedBy: string;
  }
>;

/** A whistle of the case: blown (CaseWhistled), first answered, settled (closed or withdrawn). */
export type CaseWhistleEvent = WhistleLinkEvent<'Case'>;

export type CaseEvent =
  | CaseOpened
  | StageEntered
  | DemandSubmitted
  | DemandsLinked
  | StageAcknowledged
  | PartyEscalated
  | AnalysisRecorded
  | NoticePublished
  | OpinionPosted
  | MeetingRecorded
  | MeetingScheduled
  | MeetingSignedIn
  | MinutesRecorded
  | ResolutionDrafted
  | VoteRecorded
  | ResolutionCancelled
  | StageReturned
  | AdvanceRequested
  | StageAdvanceRejected
  | StageAdvanced
  | TaskAssigned
  | TaskProgressReported
  | TaskCompleted
  | TaskReassigned
  | EvaluationOpened
  | EvaluationSubmitted
  | EvaluationConcluded
  | CaseClosed
  | CaseReopened
  | FollowUpEscalated
  | EscalationRated
  | CaseHandlerAssigned
  | AgreementDrafted
  | AgreementSigned
  | CaseWhistleEvent;

export type CaseEventType = CaseEvent['type'];

// A Record, so the compiler notices an event type missing from the list.
const EVENT_TYPES: Readonly<Record<CaseEventType, true>> = {
  CaseOpened: true,
  StageEntered: true,
  DemandSubmitted: true,
  DemandsLinked: true,
  StageAcknowledged: true,
  PartyEscalated: true,
  AnalysisRecorded: true,
  NoticePublished: true,
  OpinionPosted: true,
  MeetingRecorded: true,
  MeetingScheduled: true,
  MeetingSignedIn: true,
  MinutesRecorded: true,
  ResolutionDrafted: true,
  VoteRecorded: true,
  ResolutionCancelled: true,
  StageReturned: true,
  AdvanceRequested: true,
  StageAdvanceRejected: true,
  StageAdvanced: true,
  TaskAssigned: true,
  TaskProgressReported: true,
  TaskCompleted: true,
  TaskReassigned: true,
  EvaluationOpened: true,
  EvaluationSubmitted: true,
  EvaluationConcluded: true,
  CaseClosed: true,
  CaseReopened: true,
  FollowUpEscalated: true,
  EscalationRated: true,
  CaseHandlerAssigned: true,
  AgreementDrafted: true,
  AgreementSigned: true,
  CaseWhistled: true,
  CaseWhistleAnswered: true,
  CaseWhistleSettled: true,
};

export const CASE_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly CaseEventType[];
