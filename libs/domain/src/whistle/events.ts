/**
 * The events of a whistle's stream (`whistle-<uuid>`). Plain JSON: times are UTC ISO strings, absent
 * values are `null`, so an event survives a JSON round trip unchanged. Timers stay out of the log
 * (they are planned from the state, whistleTimers) except the escalation of a missed deadline, which
 * the street's figures and the whistle's timeline show.
 */
import {
  type Rating,
  type WhistleDeadline,
  type WhistleSettings,
  type WhistleSource,
} from './types';

interface Event<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

/** 录入: each department's track starts `issued`, to be accepted by `acceptDueAt`. */
export type WhistleIssued = Event<
  'WhistleIssued',
  {
    readonly whistleId: string;
    readonly communityId: string;
    readonly streetId: string;
    readonly subject: string;
    readonly description: string;
    readonly departmentIds: readonly string[];
    readonly source: WhistleSource;
    readonly onSite: boolean;
    readonly settings: WhistleSettings;
    readonly acceptDueAt: string;
    readonly issuedAt: string;
    readonly issuedBy: string;
  }
>;

/** 签收; `onTime` against the track's accept deadline; the answer is due by `answerDueAt`. */
export type WhistleAccepted = Event<
  'WhistleAccepted',
  {
    readonly departmentId: string;
    readonly acceptedAt: string;
    readonly acceptedBy: string;
    readonly onTime: boolean;
    readonly answerDueAt: string;
  }
>;

/** 流转: the track of `fromDepartmentId` ends; `toDepartmentId`'s starts, to be accepted by `acceptDueAt`. */
export type WhistleTransferred = Event<
  'WhistleTransferred',
  {
    readonly fromDepartmentId: string;
    readonly toDepartmentId: string;
    readonly reason: string;
    readonly transferredAt: string;
    readonly transferredBy: string;
    readonly acceptDueAt: string;
  }
>;

/** 报到: on site (the reporter, and the colleagues they named). */
export type WhistleCheckedIn = Event<
  'WhistleCheckedIn',
  {
    readonly departmentId: string;
    readonly round: number;
    readonly colleagues: readonly string[];
    readonly note: string | null;
    readonly photoIds: readonly string[];
    readonly checkedInAt: string;
    readonly checkedInBy: string;
  }
>;

/** 反馈: the track waits for the community's rating. */
export type WhistleAnswered = Event<
  'WhistleAnswered',
  {
    readonly departmentId: string;
    readonly round: number;
    readonly result: string;
    readonly photoIds: readonly string[];
    readonly answeredAt: string;
    readonly answeredBy: string;
  }
>;

/**
 * 评价 of one department's answer. Satisfied or basically satisfied: the track closes. Dissatisfied:
 * reopened, back to `accepted`, a new round due by `reopenedAnswerDueAt` (null otherwise).
 */
export type WhistleRated = Event<
  'WhistleRated',
  {
    readonly departmentId: string;
    readonly round: number;
    readonly rating: Rating;
    readonly comment: string | null;
    readonly ratedAt: string;
    readonly ratedBy: string;
    readonly reopenedAnswerDueAt: string | null;
  }
>;

export type WhistleWithdrawn = Event<
  'WhistleWithdrawn',
  { readonly reason: string; readonly withdrawnAt: string; readonly withdrawnBy: string }
>;

/** A track's deadline `dueAt` passed without its step: escalated to the street's officers. */
export type WhistleOverdueEscalated = Event<
  'WhistleOverdueEscalated',
  {
    readonly departmentId: string;
    readonly deadline: WhistleDeadline;
    readonly dueAt: string;
    readonly escalatedAt: string;
    readonly escalatedBy: string;
  }
>;

export type WhistleEvent =
  | WhistleIssued
  | WhistleAccepted
  | WhistleTransferred
  | WhistleCheckedIn
  | WhistleAnswered
  | WhistleRated
  | WhistleWithdrawn
  | WhistleOverdueEscalated;

export type WhistleEventType = WhistleEvent['type'];
