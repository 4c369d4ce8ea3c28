import {
  type MyDepartment,
  type WhistleDetail,
  type WhistleListItem,
  type WhistleTrack,
} from '../../api/types';
import { WHISTLE_DEADLINE_LABELS } from '../../labels';

/*
 * What the whistle pages decide from a whistle: the deadline each waits on (签收期限 or 反馈期限),
 * the tracks the user acts on, the steps a department may take now, and whether the secretary may
 * still withdraw it. The API decides again; these only choose what to show.
 */

export interface Due {
  label: string;
  at: string;
}

/**
 * A listed whistle as one department sees it: its own track's status (a whistle to several
 * departments is only as far as the slowest of them; this one may have accepted already).
 */
export function asDepartmentSees(w: WhistleListItem, departmentId: string): WhistleListItem {
  const own = w.tracks.find((t) => t.departmentId === departmentId);
  return own === undefined || own.status === 'transferred' ? w : { ...w, status: own.status };
}

/** A list item's next deadline: to accept while a department has not, else to answer. */
export function itemDue(w: WhistleListItem): Due | null {
  if (w.dueAt === null) return null;
  if (w.status === 'issued') return { label: WHISTLE_DEADLINE_LABELS.accept, at: w.dueAt };
  if (w.status === 'accepted' || w.status === 'on-site')
    return { label: WHISTLE_DEADLINE_LABELS.answer, at: w.dueAt };
  return null;
}

/** The deadline a department's track waits on now; none once it has answered or passed it on. */
export function trackDue(t: WhistleTrack): Due | null {
  if (t.status === 'issued') return { label: WHISTLE_DEADLINE_LABELS.accept, at: t.acceptDueAt };
  if ((t.status === 'accepted' || t.status === 'on-site') && t.answerDueAt !== null)
    return { label: WHISTLE_DEADLINE_LABELS.answer, at: t.answerDueAt };
  return null;
}

/** One of the user's departments on the whistle: its track and their role there. */
export interface MyTrack {
  track: WhistleTrack;
  role: MyDepartment['role'];
}

/** The tracks the user acts on: their departments' that the whistle is with now and still open. */
export function myTracks(departments: readonly MyDepartment[], w: WhistleDetail): MyTrack[] {
  if (w.status === 'withdrawn') return [];
  const roles = new Map(departments.map((d) => [d.departmentId, d.role]));
  return w.tracks.flatMap((track) => {
    const role = roles.get(track.departmentId);
    const open = track.status !== 'transferred' && track.status !== 'closed';
    return role === undefined || !open || !w.departmentIds.includes(track.departmentId)
      ? []
      : [{ track, role }];
  });
}

export type DepartmentStep = 'accept' | 'check-in' | 'answer' | 'transfer';

/**
 * A department's steps now, its next one first: 签收; 报到 (when the whistle asks for a site visit),
 * again while on site; 反馈 once on site (or once accepted, without a site visit); 流转 by the
 * dispatcher until it answers.
 */
export function departmentSteps(w: WhistleDetail, mine: MyTrack): DepartmentStep[] {
  const status = mine.track.status;
  const steps: DepartmentStep[] = [];
  if (status === 'issued') steps.push('accept');
  if (w.onSite && status === 'accepted') steps.push('check-in');
  if (status === 'on-site' || (status === 'accepted' && !w.onSite)) steps.push('answer');
  if (w.onSite && status === 'on-site') steps.push('check-in');
  const open = status === 'issued' || status === 'accepted' || status === 'on-site';
  if (mine.role === 'dispatcher' && open) steps.push('transfer');
  return steps;
}

/** Withdrawal is open while the whistle is and no department it is with has answered. */
export function mayWithdraw(w: WhistleDetail): boolean {
  return (
    w.status !== 'closed' &&
    w.status !== 'withdrawn' &&
    w.tracks.every((t) => t.status !== 'answered' && t.status !== 'closed')
  );
}
