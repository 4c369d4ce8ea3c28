import { type WhistleListItem, type WhistleTrack } from '../../api/types';
import { formatTime, WHISTLE_DEADLINE_LABELS } from '../../labels';

/*
 * A whistle's deadlines as people read them: what is waited for (签收期限, 反馈期限), when, in China
 * Standard Time, and 已超时 once it has passed.
 */

export interface Due {
  label: string;
  at: string;
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

/** `反馈期限：2026年12月10日 17:00` and, once past, 已超时. */
export function DueLine(props: { due: Due | null; now: number }) {
  const { due } = props;
  if (due === null) return null;
  const late = Date.parse(due.at) < props.now;
  return (
    <p className={late ? 'due due-late' : 'due'}>
      {due.label}：{formatTime(due.at)}
      {late ? <strong className="overdue-mark">已超时</strong> : null}
    </p>
  );
}
