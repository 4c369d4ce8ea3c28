import { formatTime } from '../../labels';
import { type Due } from './whistle-rules';

/*
 * A whistle's deadlines as people read them: what is waited for (签收期限, 反馈期限), when, in China
 * Standard Time, and 已超时 once it has passed.
 */

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
