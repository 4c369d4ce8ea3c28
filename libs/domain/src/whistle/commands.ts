/**
 * What can be asked of a whistle (docs/whistles.md). Roles are checked before the decider is called
 * (libs/access: the secretary issues, rates and withdraws); the decider checks the whistle's own
 * rules, and who may act where that depends on the whistle itself (a member of the track's
 * department, its dispatcher to pass it on), from the registry's facts in the context.
 */
import { type OfficePeriod } from '../calendar';
import {
  type DepartmentRole,
  type EscalationSourceKind,
  type Rating,
  type WhistleDeadline,
} from './types';

/** A department the actor belongs to, and in which role. */
export interface DepartmentMembership {
  readonly departmentId: string;
  readonly role: DepartmentRole;
}

/** What the caller tells the decider besides the command. */
export interface WhistleContext {
  /** ISO 8601; every time the events record comes from here, never from the system clock. */
  readonly now: string;
  readonly actorId: string;
  /** The actor's departments, from the registry: needed to accept, pass on, report and answer. */
  readonly memberships?: readonly DepartmentMembership[] | null;
  /** The departments of the whistle's street, from the registry: needed to issue and to pass on. */
  readonly streetDepartmentIds?: readonly string[] | null;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

/**
 * 录入 (吹哨): the community's secretary, or the platform for an escalation (then addressed to the
 * street's office; the whistle's id derives from the escalation, so a retry issues nothing new).
 * The deadlines come from the request or the community's settings.
 */
export type IssueWhistle = Command<
  'IssueWhistle',
  {
    readonly whistleId: string;
    readonly communityId: string;
    readonly streetId: string;
    readonly subject: string;
    readonly description: string;
    /** One or more distinct departments of the street; each gets a track. */
    readonly departmentIds: readonly string[];
    readonly demandId?: string | null;
    readonly caseId?: string | null;
    readonly escalation?: {
      readonly kind: EscalationSourceKind;
      readonly sourceEventId: string;
    } | null;
    readonly acceptWithinWorkingHours: number;
    readonly resolveWithinWorkingDays: number;
    readonly officeHours?: readonly OfficePeriod[] | null;
    /** Whether a site visit (报到) must come before the answer; default true. */
    readonly onSite?: boolean | null;
  }
>;

/**
 * Commands of a department's track name the department when the actor belongs to several on the
 * whistle; otherwise it is the actor's own.
 */
interface OnTrack {
  readonly departmentId?: string | null;
}

/** 签收, by a member of the department. */
export type AcceptWhistle = Command<'AcceptWhistle', OnTrack>;

/**
 * 流转, by the department's dispatcher before it answers: to `toDepartmentId`, another department
 * of the street not on the whistle now. `departmentId`: the department passing it on.
 */
export type TransferWhistle = Command<
  'TransferWhistle',
  OnTrack & { readonly toDepartmentId: string; readonly reason: string }
>;

/** 报到: the actor is on site, with the colleagues they name, a note and photos. */
export type CheckIn = Command<
  'CheckIn',
  OnTrack & {
    readonly colleagues?: readonly string[] | null;
    readonly note?: string | null;
    readonly photoIds?: readonly string[] | null;
  }
>;

/** 反馈: the result, with photos; after 报到 unless the whistle needs no site visit. */
export type AnswerWhistle = Command<
  'AnswerWhistle',
  OnTrack & { readonly result: string; readonly photoIds?: readonly string[] | null }
>;

/**
 * 评价 (一哨一评), by the secretary: of `departmentId`'s answer, or of every answered track. A
 * dissatisfied rating needs the reason (`comment`) and reopens the track.
 */
export type RateWhistle = Command<
  'RateWhistle',
  {
    readonly departmentId?: string | null;
    readonly rating: Rating;
    readonly comment?: string | null;
  }
>;

/** 撤回, by the secretary while no department has answered. */
export type WithdrawWhistle = Command<'WithdrawWhistle', { readonly reason: string }>;

/**
 * Sent by a track's deadline timer (whistleTimers, kind `*-overdue`): the deadline `dueAt` passed,
 * the street's officers are told. Nothing happens when the track no longer waits on that deadline.
 */
export type EscalateOverdue = Command<
  'EscalateOverdue',
  {
    readonly departmentId: string;
    readonly deadline: WhistleDeadline;
    readonly dueAt: string;
  }
>;

export type WhistleCommand =
  | IssueWhistle
  | AcceptWhistle
  | TransferWhistle
  | CheckIn
  | AnswerWhistle
  | RateWhistle
  | WithdrawWhistle
  | EscalateOverdue;

export type WhistleCommandType = WhistleCommand['type'];
