/**
 * The vocabulary of a whistle (吹哨报到, docs/whistles.md): statuses, the departments' tracks, where a
 * whistle came from, its deadlines' settings, and the state a whistle's stream folds to. Plain JSON
 * data: times are UTC ISO strings, absent values `null`.
 */
import { type OfficePeriod } from '../calendar';
import { type Rating } from '../case/types';

export { RATINGS, type Rating } from '../case/types';

/**
 * Where one department stands with the whistle (its track), in the order a track advances:
 * `issued` (待签收) → `accepted` (签收) → `on-site` (报到) → `answered` (反馈) → `closed` (评价 satisfied
 * or basically). A dissatisfied rating sends an answered track back to `accepted`. `transferred`:
 * the department passed it on (流转) to another, whose own track starts `issued`; a transferred track
 * is history, no longer one of the whistle's current tracks.
 */
export const TRACK_STATUSES = [
  'issued',
  'accepted',
  'on-site',
  'answered',
  'closed',
  'transferred',
] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/** A current track's status (every one but `transferred`), least advanced first. */
export const TRACK_PROGRESS = ['issued', 'accepted', 'on-site', 'answered', 'closed'] as const;
export type TrackProgress = (typeof TRACK_PROGRESS)[number];

/** The whistle's status: its least advanced current track, or `withdrawn` (撤回). */
export const WHISTLE_STATUSES = [...TRACK_PROGRESS, 'withdrawn'] as const;
export type WhistleStatus = (typeof WHISTLE_STATUSES)[number];

/** A department member's role (`community.ts`): the dispatcher (调度员) may also pass a whistle on (流转). */
export { DEPARTMENT_ROLES, type DepartmentRole } from '../community';

/**
 * The escalations the platform turns into whistles to the street's office (一哨一评 for them too):
 * a party late to sign (`PartyEscalated`) or a late follow-up task (`FollowUpEscalated`) of a case,
 * or a demand past its deadline's last timer.
 */
export const ESCALATION_SOURCE_KINDS = [
  'party-escalated',
  'follow-up-escalated',
  'demand-escalated',
] as const;
export type EscalationSourceKind = (typeof ESCALATION_SOURCE_KINDS)[number];

/** The deadlines of a track: accept (签收) and answer (反馈). */
export const WHISTLE_DEADLINES = ['accept', 'answer'] as const;
export type WhistleDeadline = (typeof WHISTLE_DEADLINES)[number];

export interface WhistleEscalationSource {
  readonly kind: EscalationSourceKind;
  /** The escalation event (or the timer) the whistle was made for: one whistle per escalation. */
  readonly sourceEventId: string;
}

/**
 * Where a whistle came from: a demand or a case of the community (at most one of the two), and for
 * an escalation, which one; all null for a whistle recorded on its own.
 */
export interface WhistleSource {
  readonly demandId: string | null;
  readonly caseId: string | null;
  readonly escalation: WhistleEscalationSource | null;
}

/**
 * The deadlines in force when the whistle was issued (the community's settings, or the secretary's
 * choice): accept within working hours of receipt (office hours on working days), answer within
 * working days of acceptance. Fixed on the whistle, so a later change of the settings applies to
 * whistles issued after it.
 */
export interface WhistleSettings {
  readonly acceptWithinWorkingHours: number;
  readonly resolveWithinWorkingDays: number;
  /** The office hours that working hours count; null: the calendar's default (09:00–12:00, 13:30–18:00). */
  readonly officeHours: readonly OfficePeriod[] | null;
}

/** docs/whistles.md, "Deadlines": the community settings' defaults. */
export const DEFAULT_WHISTLE_SETTINGS: WhistleSettings = {
  acceptWithinWorkingHours: 2,
  resolveWithinWorkingDays: 5,
  officeHours: null,
};

/** 报到: who came (the member who reported, and the colleagues they named), when, and what they saw. */
export interface WhistleCheckIn {
  readonly round: number;
  readonly colleagues: readonly string[];
  readonly note: string | null;
  readonly photoIds: readonly string[];
  readonly checkedInAt: string;
  readonly checkedInBy: string;
}

/** 反馈: the department's answer for one round. */
export interface WhistleAnswer {
  readonly round: number;
  readonly result: string;
  readonly photoIds: readonly string[];
  readonly answeredAt: string;
  readonly answeredBy: string;
}

/** 评价 of one answer (一哨一评); a dissatisfied one reopens the track for a new round. */
export interface WhistleRating {
  readonly round: number;
  readonly rating: Rating;
  readonly comment: string | null;
  readonly ratedAt: string;
  readonly ratedBy: string;
}

/** 流转: the track passed to another department, with the reason (counted against this one). */
export interface WhistleTransfer {
  readonly toDepartmentId: string;
  readonly reason: string;
  readonly transferredAt: string;
  readonly transferredBy: string;
}

/** A deadline of the track that passed and was escalated to the street's officers. */
export interface WhistleOverdue {
  readonly deadline: WhistleDeadline;
  readonly dueAt: string;
  readonly escalatedAt: string;
}

/** One department's part in the whistle. */
export interface WhistleTrack {
  readonly departmentId: string;
  readonly status: TrackStatus;
  /** When the department got it: the whistle's issue, or the transfer to it. */
  readonly issuedAt: string;
  /** The department that passed it on to this one, or null. */
  readonly transferredFrom: string | null;
  readonly acceptDueAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  /** Accepted by `acceptDueAt`; null until accepted. */
  readonly acceptedOnTime: boolean | null;
  /** The current round's answer deadline, from acceptance or from the reopening; null until accepted. */
  readonly answerDueAt: string | null;
  /** 1, then one more for each reopening (a dissatisfied rating). */
  readonly round: number;
  readonly reopenings: number;
  readonly checkIns: readonly WhistleCheckIn[];
  readonly answers: readonly WhistleAnswer[];
  readonly ratings: readonly WhistleRating[];
  readonly overdue: readonly WhistleOverdue[];
  /** Set when the track was passed on (status `transferred`). */
  readonly transfer: WhistleTransfer | null;
}

export interface WhistleWithdrawal {
  readonly reason: string;
  readonly withdrawnAt: string;
  readonly withdrawnBy: string;
}

/** A whistle as its events fold: enough for its detail (GET /whistles/:whistleId). */
export interface Whistle {
  readonly id: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly subject: string;
  readonly description: string;
  readonly source: WhistleSource;
  /** A site visit (报到) is needed before an answer; false only when the whistle says so. */
  readonly onSite: boolean;
  readonly settings: WhistleSettings;
  readonly status: WhistleStatus;
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** Every track, in the order they began; a transfer ends one and appends the next. */
  readonly tracks: readonly WhistleTrack[];
  readonly withdrawal: WhistleWithdrawal | null;
}

/** Before its first event a whistle does not exist. */
export type WhistleState = Whistle | null;

/** The tracks the whistle waits on now: every one not passed on, in order. */
export function currentTracks(whistle: Whistle): WhistleTrack[] {
  return whistle.tracks.filter((t) => t.status !== 'transferred');
}

/** The departments the whistle is with now (their tracks not passed on). */
export function currentDepartmentIds(whistle: Whistle): string[] {
  return currentTracks(whistle).map((t) => t.departmentId);
}

/** The least advanced of the current tracks' statuses (`closed` when there are none). */
export function leastAdvancedStatus(
  tracks: readonly Pick<WhistleTrack, 'status'>[],
): TrackProgress {
  let least = TRACK_PROGRESS.length - 1;
  for (const { status } of tracks) {
    const rank = (TRACK_PROGRESS as readonly string[]).indexOf(status);
    if (rank >= 0 && rank < least) least = rank;
  }
  return TRACK_PROGRESS[least] as TrackProgress;
}
