import { addWorkingDays } from '@yishi/domain/calendar';
import { formatTime } from '../../labels';

/**
 * A due date `days` working days from now, by the API's own calendar (libs/domain/src/calendar:
 * weekends, public holidays and 调休 make-up days), so a 5-day task never falls on a Saturday;
 * null when `days` is not a whole number from 1 to 366 or lies past the calendar's data.
 */
export function workingDaysFromNow(days: string, now = Date.now()): string | null {
  const n = Number(days);
  if (days.trim() === '' || !Number.isInteger(n) || n < 1 || n > 366) return null;
  try {
    return addWorkingDays(new Date(now).toISOString(), n);
  } catch {
    return null;
  }
}

/** The due date a number of working days gives, shown under the field. */
export function WorkingDaysDue(props: { days: string }) {
  const due = workingDaysFromNow(props.days);
  return (
    <p className="muted" data-testid="working-days-due" aria-live="polite">
      {due === null
        ? '请填写 1 到 366 之间的整数。'
        : `截止 ${formatTime(due)}（按工作日计，周末和法定节假日不算）`}
    </p>
  );
}
