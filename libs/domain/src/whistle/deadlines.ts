/**
 * A whistle's deadlines (docs/whistles.md, "Deadlines") and the timers a whistle wants now, from its
 * folded state. Pure, so the decider, the scheduling reaction, the timer itself (is it still
 * wanted?) and the reconciler all agree.
 *
 * Per current track:
 * - `issued`: the accept deadline (签收), `acceptWithinWorkingHours` of office time after the
 *   department got it (the issue, or the transfer to it: a transfer starts the clock again);
 * - `accepted`, `on-site`: the round's answer deadline (反馈), `resolveWithinWorkingDays` after
 *   acceptance, or after the dissatisfied rating that reopened it;
 * - `answered` (the community's turn), `closed`, `transferred`, and every track of a withdrawn
 *   whistle: none.
 * For each deadline a reminder (`*-reminder`) when three quarters of the window's office time have
 * passed, so it falls in office hours, and the escalation to the street's officers (`*-overdue`,
 * the EscalateOverdue command) at the deadline. A deadline escalated already wants nothing more; a
 * reopened track's new deadline is a new one and is escalated anew.
 */
import { addDuration, addWorkingHours, workingHoursBetween } from '../calendar';
import {
  currentTracks,
  type Whistle,
  type WhistleDeadline,
  type WhistleSettings,
  type WhistleState,
  type WhistleTrack,
} from './types';

export const WHISTLE_TIMER_KINDS = [
  'accept-reminder',
  'accept-overdue',
  'answer-reminder',
  'answer-overdue',
] as const;
export type WhistleTimerKind = (typeof WHISTLE_TIMER_KINDS)[number];

export interface WhistleTimer {
  readonly departmentId: string;
  readonly kind: WhistleTimerKind;
  /** When it runs. */
  readonly at: string;
  /** The deadline it watches. */
  readonly dueAt: string;
}

/** The share of a window after which the reminder comes. */
export const REMINDER_SHARE = 0.75;

const officeHoursOf = (settings: WhistleSettings) => settings.officeHours ?? undefined;

/** The accept deadline of a track the department got at `from`. */
export function acceptDeadline(from: string, settings: WhistleSettings): string {
  return addDuration(
    from,
    settings.officeHours === null
      ? { workingHours: settings.acceptWithinWorkingHours }
      : { workingHours: settings.acceptWithinWorkingHours, officeHours: settings.officeHours },
  );
}

/** The answer deadline of a round that began at `from` (acceptance, or a reopening). */
export function answerDeadline(from: string, settings: WhistleSettings): string {
  return addDuration(from, { workingDays: settings.resolveWithinWorkingDays });
}

/** Three quarters of the office time from `from` to `dueAt`: the reminder's time. */
export function reminderTime(from: string, dueAt: string, settings: WhistleSettings): string {
  const officeHours = officeHoursOf(settings);
  const window = Math.max(0, workingHoursBetween(from, dueAt, officeHours));
  return addWorkingHours(from, window * REMINDER_SHARE, officeHours);
}

/** When the track's current answer window began: acceptance, or the rating that reopened it. */
export function answerWindowStart(track: WhistleTrack): string | null {
  if (track.round > 1) return track.ratings.at(-1)?.ratedAt ?? null;
  return track.acceptedAt;
}

/** The deadline the track waits on now, with when its window began; null when it waits on none. */
export function pendingDeadline(
  track: WhistleTrack,
): { deadline: WhistleDeadline; from: string; dueAt: string } | null {
  switch (track.status) {
    case 'issued':
      return { deadline: 'accept', from: track.issuedAt, dueAt: track.acceptDueAt };
    case 'accepted':
    case 'on-site': {
      const from = answerWindowStart(track);
      const dueAt = track.answerDueAt;
      return from === null || dueAt === null ? null : { deadline: 'answer', from, dueAt };
    }
    case 'answered':
    case 'closed':
    case 'transferred':
      return null;
  }
}

export function whistleTimers(whistle: Whistle): WhistleTimer[] {
  if (whistle.status === 'withdrawn') return [];
  const timers: WhistleTimer[] = [];
  for (const track of currentTracks(whistle)) {
    const pending = pendingDeadline(track);
    if (pending === null) continue;
    const { deadline, from, dueAt } = pending;
    const escalated = track.overdue.some(
      (o) => o.deadline === deadline && Date.parse(o.dueAt) === Date.parse(dueAt),
    );
    if (escalated) continue;
    const { departmentId } = track;
    timers.push(
      {
        departmentId,
        kind: `${deadline}-reminder`,
        at: reminderTime(from, dueAt, whistle.settings),
        dueAt,
      },
      { departmentId, kind: `${deadline}-overdue`, at: dueAt, dueAt },
    );
  }
  return timers;
}

/** Is this timer still wanted by the whistle as it stands (else it does nothing)? */
export function whistleTimerWanted(
  whistle: WhistleState,
  timer: Pick<WhistleTimer, 'departmentId' | 'kind' | 'dueAt'>,
): boolean {
  return (
    whistle !== null &&
    whistleTimers(whistle).some(
      (w) =>
        w.departmentId === timer.departmentId &&
        w.kind === timer.kind &&
        Date.parse(w.dueAt) === Date.parse(timer.dueAt),
    )
  );
}
