/**
 * A department's steps on its track (签收, 报到, 反馈) and the community's rating of the answers
 * (评价, 一哨一评; dissatisfied reopens the track). A repeat of a step done already gives no events.
 */
import { NotFoundError, ValidationError, WrongStageError } from '../errors';
import { WHISTLE_TRACK_STATUS_LABELS } from '../labels';
import { filled, ids, oneOf, optionalFilled, optionalText } from '../demand/guards';
import { type AcceptWhistle, type AnswerWhistle, type CheckIn, type RateWhistle } from './commands';
import { answerDeadline } from './deadlines';
import { actorTrack, type Now, requireOpen, requireTrackStatus } from './decide-support';
import { type WhistleEvent } from './events';
import { currentTracks, RATINGS, type Rating, type Whistle, type WhistleTrack } from './types';

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

export function accept(whistle: Whistle, d: AcceptWhistle['data'], now: Now): WhistleEvent[] {
  requireOpen(whistle, '签收');
  const track = actorTrack(whistle, d.departmentId, now, '签收');
  // Accepted already (by a colleague, or a retried request): nothing to add.
  if (track.status !== 'issued') return [];
  return [
    {
      type: 'WhistleAccepted',
      data: {
        departmentId: track.departmentId,
        acceptedAt: now.iso,
        acceptedBy: now.actorId,
        onTime: now.ms <= Date.parse(track.acceptDueAt),
        answerDueAt: answerDeadline(now.iso, whistle.settings),
      },
    },
  ];
}

function requireAccepted(track: WhistleTrack, what: string): void {
  if (track.status !== 'issued') return;
  throw new WrongStageError(`本部门还没有签收，请先签收再${what}`, {
    departmentId: track.departmentId,
    status: track.status,
  });
}

export function checkIn(whistle: Whistle, d: CheckIn['data'], now: Now): WhistleEvent[] {
  requireOpen(whistle, '报到');
  const track = actorTrack(whistle, d.departmentId, now, '报到');
  requireAccepted(track, '报到');
  requireTrackStatus(track, ['accepted', 'on-site'], '报到');
  const colleagues = ids(d.colleagues, 'colleagues', '同来人员');
  const note = optionalText(d.note, 'note', '现场情况');
  const photoIds = ids(d.photoIds, 'photoIds', '照片');
  const last = track.checkIns.at(-1);
  if (
    last !== undefined &&
    last.round === track.round &&
    last.checkedInBy === now.actorId &&
    last.note === note &&
    sameList(last.colleagues, colleagues) &&
    sameList(last.photoIds, photoIds)
  ) {
    return [];
  }
  return [
    {
      type: 'WhistleCheckedIn',
      data: {
        departmentId: track.departmentId,
        round: track.round,
        colleagues,
        note,
        photoIds,
        checkedInAt: now.iso,
        checkedInBy: now.actorId,
      },
    },
  ];
}

export function answer(whistle: Whistle, d: AnswerWhistle['data'], now: Now): WhistleEvent[] {
  requireOpen(whistle, '反馈');
  const track = actorTrack(whistle, d.departmentId, now, '反馈');
  const result = filled(d.result, 'result', '办理结果');
  const photoIds = ids(d.photoIds, 'photoIds', '照片');
  if (track.status === 'answered') {
    const last = track.answers.at(-1);
    if (last?.result === result && sameList(last.photoIds, photoIds)) return [];
    throw new WrongStageError('本部门已反馈，正在等待社区评价', {
      departmentId: track.departmentId,
      status: track.status,
    });
  }
  requireAccepted(track, '反馈');
  if (track.status === 'accepted' && whistle.onSite) {
    throw new WrongStageError('本次吹哨须到现场报到，请先报到再反馈', {
      departmentId: track.departmentId,
      status: track.status,
    });
  }
  requireTrackStatus(track, ['accepted', 'on-site'], '反馈');
  return [
    {
      type: 'WhistleAnswered',
      data: {
        departmentId: track.departmentId,
        round: track.round,
        result,
        photoIds,
        answeredAt: now.iso,
        answeredBy: now.actorId,
      },
    },
  ];
}

/**
 * The same rating given again with nothing since: a closed track's last rating, or the dissatisfied
 * one that reopened it and nothing done in the new round yet.
 */
function ratedAlready(track: WhistleTrack, rating: Rating, comment: string | null): boolean {
  const last = track.ratings.at(-1);
  if (last === undefined || last.rating !== rating || last.comment !== comment) return false;
  if (rating === 'dissatisfied') {
    return track.status === 'accepted' && track.round === last.round + 1;
  }
  return track.status === 'closed';
}

/** The tracks a rating applies to: the named department's, or every answered one; null: a repeat. */
function ratedTracks(
  whistle: Whistle,
  departmentId: string | null,
  rating: Rating,
  comment: string | null,
): WhistleTrack[] | null {
  const current = currentTracks(whistle);
  if (departmentId !== null) {
    const track = current.find((t) => t.departmentId === departmentId);
    if (track === undefined) {
      throw new NotFoundError('本次吹哨没有派给该部门，或它已流转给其他部门', { departmentId });
    }
    if (track.status === 'answered') return [track];
    if (ratedAlready(track, rating, comment)) return null;
    throw new WrongStageError(
      `该部门的办理状态为“${WHISTLE_TRACK_STATUS_LABELS[track.status]}”，只能评价已反馈的部门`,
      { departmentId, status: track.status },
    );
  }
  const answered = current.filter((t) => t.status === 'answered');
  if (answered.length > 0) return answered;
  // The last rating given (of one or several tracks at once), given again. Ratings of several
  // tracks given in the same instant cannot be told apart: any of them, given again, is a repeat.
  const times = current.flatMap((t) => t.ratings.map((r) => Date.parse(r.ratedAt)));
  const latest = Math.max(...times);
  const lastRated = current.filter((t) => Date.parse(t.ratings.at(-1)?.ratedAt ?? '') === latest);
  if (lastRated.some((t) => ratedAlready(t, rating, comment))) return null;
  throw new WrongStageError('还没有部门反馈，暂时不能评价', { status: whistle.status });
}

export function rate(whistle: Whistle, d: RateWhistle['data'], now: Now): WhistleEvent[] {
  requireOpen(whistle, '评价');
  const rating = oneOf(RATINGS, d.rating, 'rating', '评价');
  const comment = optionalText(d.comment, 'comment', '评价意见');
  if (rating === 'dissatisfied' && (comment === null || comment.trim() === '')) {
    throw new ValidationError('评价为不满意时须说明理由', { field: 'comment' });
  }
  const departmentId = optionalFilled(d.departmentId, 'departmentId', '部门');
  const tracks = ratedTracks(whistle, departmentId, rating, comment);
  if (tracks === null) return [];
  const reopenedAnswerDueAt =
    rating === 'dissatisfied' ? answerDeadline(now.iso, whistle.settings) : null;
  return tracks.map((track) => ({
    type: 'WhistleRated',
    data: {
      departmentId: track.departmentId,
      round: track.round,
      rating,
      comment,
      ratedAt: now.iso,
      ratedBy: now.actorId,
      reopenedAnswerDueAt,
    },
  }));
}
