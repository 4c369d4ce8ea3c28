/**
 * What the street's figures (GET /streets/:streetId/stats, docs/whistles.md "Reads") need of each
 * track, as plain values: the read model stores a row per track (`whistle_track_facts`) and its SQL
 * counts them. One row per track, a transferred one included: its department passed it on, and the
 * figures count that against it.
 *
 * Hours are elapsed clock hours (weekends and holidays included) from when the department got the
 * whistle (its issue, or the transfer to it) to its first 报到 and its first 反馈: how long people
 * waited, whatever the calendar says. Accepted on time is against the working-hour deadline.
 */
import { type Rating, type TrackStatus, type Whistle, type WhistleStatus } from './types';

const HOUR_MS = 3_600_000;

export interface WhistleTransferFact {
  readonly toDepartmentId: string;
  readonly by: string;
  readonly reason: string;
  readonly at: string;
}

export interface WhistleTrackFacts {
  readonly whistleId: string;
  readonly communityId: string;
  readonly streetId: string;
  readonly departmentId: string;
  /** 1 for the whistle's first track, in the order tracks began. */
  readonly trackNumber: number;
  readonly status: TrackStatus;
  readonly whistleStatus: WhistleStatus;
  /** When the department got it. */
  readonly issuedAt: string;
  readonly transferredFrom: string | null;
  readonly acceptDueAt: string;
  readonly acceptedAt: string | null;
  /** Null until accepted. */
  readonly acceptedOnTime: boolean | null;
  readonly firstCheckInAt: string | null;
  readonly hoursToCheckIn: number | null;
  readonly firstAnswerAt: string | null;
  readonly hoursToAnswer: number | null;
  /** Passed on (流转) by this department: to whom, by whom, why, when. */
  readonly transferredAway: WhistleTransferFact | null;
  /** Every rating of its answers, oldest first (一哨一评: one per answer). */
  readonly ratings: readonly Rating[];
  /** The last rating, or null. */
  readonly rating: Rating | null;
  readonly reopenings: number;
  /** Deadlines of the track escalated to the street's officers. */
  readonly overdueEscalations: number;
}

const hoursBetween = (from: string, to: string | null): number | null =>
  to === null ? null : (Date.parse(to) - Date.parse(from)) / HOUR_MS;

export function whistleTrackFacts(whistle: Whistle): WhistleTrackFacts[] {
  return whistle.tracks.map((t, i) => {
    const firstCheckInAt = t.checkIns[0]?.checkedInAt ?? null;
    const firstAnswerAt = t.answers[0]?.answeredAt ?? null;
    return {
      whistleId: whistle.id,
      communityId: whistle.communityId,
      streetId: whistle.streetId,
      departmentId: t.departmentId,
      trackNumber: i + 1,
      status: t.status,
      whistleStatus: whistle.status,
      issuedAt: t.issuedAt,
      transferredFrom: t.transferredFrom,
      acceptDueAt: t.acceptDueAt,
      acceptedAt: t.acceptedAt,
      acceptedOnTime: t.acceptedOnTime,
      firstCheckInAt,
      hoursToCheckIn: hoursBetween(t.issuedAt, firstCheckInAt),
      firstAnswerAt,
      hoursToAnswer: hoursBetween(t.issuedAt, firstAnswerAt),
      transferredAway:
        t.transfer === null
          ? null
          : {
              toDepartmentId: t.transfer.toDepartmentId,
              by: t.transfer.transferredBy,
              reason: t.transfer.reason,
              at: t.transfer.transferredAt,
            },
      ratings: t.ratings.map((r) => r.rating),
      rating: t.ratings.at(-1)?.rating ?? null,
      reopenings: t.reopenings,
      overdueEscalations: t.overdue.length,
    };
  });
}
