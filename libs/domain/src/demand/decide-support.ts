/* What the demand's decide functions share: the checked context, status checks, durations. */
import { addDuration, type Duration, type OfficePeriod } from '../calendar';
import { ValidationError, WrongStageError } from '../errors';
import { DEMAND_STATUS_LABELS } from '../labels';
import { type DemandContext } from './commands';
import { filled, iso, record, time } from './guards';
import { type DemandSettings, type DemandStatus, type LedgerDemand } from './types';

/** The context, checked: `now` parsed once and written back in the one stored form. */
export interface Now {
  readonly ms: number;
  readonly iso: string;
  readonly actorId: string;
  readonly admissionList: readonly string[] | null;
  readonly gridIds: readonly string[];
}

function optionalIds(value: unknown, field: string, name: string): string[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((item, i) => filled(item, `${field}[${i}]`, name));
  throw new ValidationError(`${name}须为列表`, { field });
}

export function checkContext(context: DemandContext): Now {
  const c = record(context, 'context');
  const ms = time(c.now, 'now', '当前时间');
  return {
    ms,
    iso: iso(ms),
    actorId: filled(c.actorId, 'actorId', '操作人'),
    admissionList: optionalIds(c.admissionList, 'admissionList', '网格准入清单'),
    gridIds: optionalIds(c.gridIds, 'gridIds', '所在网格') ?? [],
  };
}

/** The demand is in one of `allowed`, or a WRONG_STAGE naming its status and what was refused. */
export function requireStatus(
  state: LedgerDemand,
  allowed: readonly DemandStatus[],
  what: string,
): void {
  if (allowed.includes(state.status)) return;
  throw new WrongStageError(`诉求状态为“${DEMAND_STATUS_LABELS[state.status]}”，不能${what}`, {
    status: state.status,
    allowed: [...allowed],
  });
}

/** A duration as stored: exactly one of hours, working days or working hours (with office hours). */
export function duration(value: unknown, field: string, from: string): Duration {
  const d = record(value, field);
  const keys = ['hours', 'workingDays', 'workingHours'].filter((key) => key in d);
  const fail = (): never => {
    throw new ValidationError(
      `${field} 须为 { hours }（小时）、{ workingDays }（工作日）或 { workingHours }（工作小时）之一`,
      { field },
    );
  };
  if (keys.length !== 1) return fail();
  let result: Duration;
  if ('hours' in d) result = { hours: d.hours as number };
  else if ('workingDays' in d) result = { workingDays: d.workingDays as number };
  else if (d.officeHours === undefined || d.officeHours === null) {
    result = { workingHours: d.workingHours as number };
  } else {
    result = {
      workingHours: d.workingHours as number,
      officeHours: d.officeHours as readonly OfficePeriod[],
    };
  }
  // The calendar checks the numbers and the office hours, in Chinese.
  addDuration(from, result);
  return result;
}

/** The settings, each duration checked by computing it from `from`. */
export function demandSettings(value: unknown, from: string): DemandSettings {
  const s = record(value, 'settings');
  return {
    acceptWithin: duration(s.acceptWithin, 'settings.acceptWithin', from),
    resolveWithin: duration(s.resolveWithin, 'settings.resolveWithin', from),
    confirmWithin: duration(s.confirmWithin, 'settings.confirmWithin', from),
  };
}

/** `from` plus a duration on the calendar, in the stored form (UTC ISO). */
export function after(from: string, d: Duration): string {
  return addDuration(from, d);
}
