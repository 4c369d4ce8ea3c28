import { type CivilCodeMatter, type ProcedureInput } from './procedure';
import { type WhistleProgress } from '../whistle/links';
import { type Role } from '../community';
import {
  type AdvanceTarget,
  type AnalysisOption,
  type Attendance,
  type CaseSettings,
  type DemandSource,
  type JsonValue,
  type Matter,
  type Mechanism,
  type MediationSide,
  type MeetingPerson,
  type Party,
  type Rating,
  type Stage,
  type VotingRule,
} from './types';

/**
 * What the caller tells the decider besides the command. Permissions are checked before decide is
 * called; the decider checks domain rules only.
 */
export interface CaseContext {
  /** ISO 8601; every time the events record comes from here, never from the system clock. */
  readonly now: string;
  readonly actorId: string;
  /** The actor's party when acting as a party member; the default party of an opinion. */
  readonly party?: Party;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

export type OpenCase = Command<
  'OpenCase',
  {
    readonly caseId: string;
    readonly communityId: string;
    readonly mechanism: Mechanism;
    readonly title: string;
    readonly description: string;
    readonly category: string;
    readonly scope: {
      readonly estate: string;
      readonly building?: string | null;
      readonly entrance?: string | null;
    };
    /** neighbourhood-consultation: parties required besides 社区党组织 and 居民代表. */
    readonly involvedParties?: readonly Party[];
    /** The community settings at the time of opening. */
    readonly settings: CaseSettings;
    /** Either part may be left out: the community's for the category, else the mechanism's. */
    readonly procedure?: ProcedureInput | null;
    /** The Art. 278 matter the case decides; then the decision is the owners' vote. */
    readonly civilCodeMatter?: CivilCodeMatter | null;
    /** The community's procedure for the case's category (procedureByCategory), if it set one. */
    readonly categoryProcedure?: ProcedureInput | null;
    /** mediation (矛盾调解): the households in dispute, two or more, each with its people. */
    readonly sides?: readonly MediationSide[] | null;
    /** mediation: the member who mediates (role mediator, or the secretary). */
    readonly mediatorId?: string | null;
  }
>;

export type SubmitDemand = Command<
  'SubmitDemand',
  {
    readonly demandId: string;
    readonly content: string;
    readonly source: DemandSource;
    readonly unitId?: string | null;
  }
>;

/** A demand of the ledger, as the case records it when the demand is escalated into it. */
export interface LedgerDemandRef {
  readonly demandId: string;
  readonly number: string;
  readonly content: string;
  readonly source: DemandSource | 'lead';
  readonly unitId: string | null;
  readonly submittedAt: string;
  readonly submittedBy: string;
}

/**
 * Demands of the ledger escalated into this case, in any stage while it is open. A demand already
 * linked is skipped, so a retried escalation writes nothing.
 */
export type LinkDemands = Command<'LinkDemands', { readonly demands: readonly LedgerDemandRef[] }>;

export type Acknowledge = Command<'Acknowledge', { readonly party: Party; readonly stage: Stage }>;

export type RecordAnalysis = Command<
  'RecordAnalysis',
  {
    readonly summary: string;
    readonly leadParty: Party;
    readonly siteSurvey?: string | null;
    readonly options: readonly AnalysisOption[];
  }
>;

export type PostOpinion = Command<
  'PostOpinion',
  {
    readonly opinionId: string;
    readonly content: string;
    readonly replyTo?: string | null;
    readonly party?: Party | null;
  }
>;

export type RecordMeeting = Command<
  'RecordMeeting',
  {
    readonly meetingId: string;
    readonly heldAt: string;
    readonly place: string;
    readonly attendance: readonly Attendance[];
    readonly minutes: string;
  }
>;

/** A meeting announced ahead; the platform resolves each invitee's party and circle. */
export type ScheduleMeeting = Command<
  'ScheduleMeeting',
  {
    readonly meetingId: string;
    readonly scheduledAt: string;
    readonly place: string;
    readonly invitees: readonly MeetingPerson[];
  }
>;

/**
 * An attendee signs in: on their phone (`self`) or with the room's code (`code`, checked by the
 * platform before it sends this). `attendee` is who they come as (their invitation, else their
 * membership).
 */
export type SignInMeeting = Command<
  'SignInMeeting',
  {
    readonly meetingId: string;
    readonly attendee: MeetingPerson;
    readonly by: 'self' | 'code';
  }
>;

export type RecordMinutes = Command<
  'RecordMinutes',
  { readonly meetingId: string; readonly text: string; readonly fileIds?: readonly string[] }
>;

export type DraftResolution = Command<
  'DraftResolution',
  {
    readonly resolutionId: string;
    readonly title: string;
    readonly text: string;
    readonly rule: VotingRule;
    readonly matter: Matter;
    readonly closesAt: string;
    /** Choosing among plans: 2 to 10 options (absent: a yes/no resolution). */
    readonly options?: readonly { readonly title: string }[] | null;
  }
>;

/** Settings, where given, apply to the stage this command may enter (a failed vote: analysis). */
export type RecordVoteResult = Command<
  'RecordVoteResult',
  {
    readonly resolutionId: string;
    readonly passed: boolean;
    readonly tally: { readonly [key: string]: JsonValue };
    readonly settings?: CaseSettings;
  }
>;

export type RequestAdvance = Command<'RequestAdvance', { readonly to: AdvanceTarget }>;

/**
 * Sent by the queue. `unitsInScope` (from the registry) lets follow-up close once every unit has
 * evaluated, and is what the round's minimum response is a share of; without it only the end of the
 * evaluation window counts, and no round reaches a minimum above 0. `settings` apply to the stage
 * entered, and their `minEvaluationResponse` to the round concluded.
 */
export type EvaluateAdvance = Command<
  'EvaluateAdvance',
  {
    readonly to: AdvanceTarget;
    readonly unitsInScope?: number | null;
    readonly settings?: CaseSettings;
  }
>;

export type AssignTask = Command<
  'AssignTask',
  {
    readonly taskId: string;
    readonly title: string;
    readonly description?: string | null;
    readonly assigneeParty: Party;
    /** An instant, or (dueInWorkingDays) a number of working days; neither: the community default. */
    readonly dueAt?: string | null;
    readonly dueInWorkingDays?: number | null;
  }
>;

export type ReportProgress = Command<
  'ReportProgress',
  {
    readonly taskId: string;
    readonly percent: number;
    readonly note: string;
    readonly evidence?: readonly string[];
  }
>;

export type CompleteTask = Command<
  'CompleteTask',
  { readonly taskId: string; readonly note: string; readonly evidence?: readonly string[] }
>;

/** A new assignee, and a new due date where given. */
export type ReassignTask = Command<
  'ReassignTask',
  {
    readonly taskId: string;
    readonly assigneeParty: Party;
    readonly dueAt?: string | null;
    readonly reason?: string | null;
  }
>;

export type Evaluate = Command<
  'Evaluate',
  { readonly unitId: string; readonly rating: Rating; readonly comment?: string | null }
>;

/** Sent by the queue at the deadline. `entry` pins the stage entry the timer was set for. */
export type EscalateParty = Command<
  'EscalateParty',
  {
    readonly party: Party;
    readonly stage: Stage;
    readonly entry?: number | null;
    /** The community belongs to a street with an office: a whistle goes to it (PartyEscalated). */
    readonly toStreet?: boolean;
  }
>;

/** Sent by the queue when a task is past its due date. `revision` pins the due date the timer was for. */
export type EscalateTask = Command<
  'EscalateTask',
  { readonly taskId: string; readonly revision?: number | null }
>;

/** 一哨一评: the secretary rates how an escalated party answered. */
export type RateEscalation = Command<
  'RateEscalation',
  { readonly escalationId: string; readonly rating: Rating; readonly comment?: string | null }
>;

/** A close by hand; `resolved` only comes from the follow-up gate. `unresolved` needs a reason. */
export type CloseCase = Command<
  'CloseCase',
  { readonly outcome: 'unresolved' | 'withdrawn'; readonly reason?: string | null }
>;

export type ReopenCase = Command<
  'ReopenCase',
  { readonly reason: string; readonly settings?: CaseSettings }
>;

/**
 * The secretary names the case's handler (经办人): a case worker (社工, 两委委员) or a secretary of
 * the community, who may then do what the secretary does on this case. `roles` are the user's roles
 * in the case's community as the registry has them now (none: not a member), read by the caller.
 */
export type AssignHandler = Command<
  'AssignHandler',
  { readonly userId: string; readonly roles: readonly Role[] }
>;

/**
 * mediation: drafts the agreement (调解协议), replacing an earlier draft and its signatures. By the
 * case's mediator, or by a secretary (`bySecretary`, from the caller's role at the edge).
 */
export type DraftAgreement = Command<
  'DraftAgreement',
  { readonly text: string; readonly bySecretary?: boolean }
>;

/**
 * mediation: the caller signs the agreement for their side. `draft` is the draft they read: a
 * newer one must be read and signed anew (409).
 */
export type SignAgreement = Command<'SignAgreement', { readonly draft: number }>;

/** Sent by the platform after each event of a whistle of the case: its progress, recorded once per step. */
export type RecordCaseWhistle = Command<'RecordWhistle', WhistleProgress>;

export type CaseCommand =
  | OpenCase
  | SubmitDemand
  | LinkDemands
  | Acknowledge
  | RecordAnalysis
  | PostOpinion
  | RecordMeeting
  | ScheduleMeeting
  | SignInMeeting
  | RecordMinutes
  | DraftResolution
  | RecordVoteResult
  | RequestAdvance
  | EvaluateAdvance
  | AssignTask
  | ReportProgress
  | CompleteTask
  | ReassignTask
  | Evaluate
  | EscalateParty
  | EscalateTask
  | RateEscalation
  | AssignHandler
  | CloseCase
  | ReopenCase
  | DraftAgreement
  | SignAgreement
  | RecordCaseWhistle;

export type CaseCommandType = CaseCommand['type'];
