/* What the whistle's decide functions share: the checked context, the actor's track, settings. */
import { MAX_WORKING_DAYS, MAX_WORKING_HOURS, type OfficePeriod, officeSpans } from '../calendar';
import { ForbiddenError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { WHISTLE_TRACK_STATUS_LABELS } from '../labels';
import { filled, iso, oneOf, record, time } from '../demand/guards';
import { type DepartmentMembership, type WhistleContext } from './commands';
import {
  currentTracks,
  DEPARTMENT_ROLES,
  type DepartmentRole,
  type TrackStatus,
  type Whistle,
  type WhistleSettings,
  type WhistleTrack,
} from './types';

/** The context, checked: `now` parsed once and written back in the one stored form. */
export interface Now {
  readonly ms: number;
  readonly iso: string;
  readonly actorId: string;
  readonly memberships: readonly DepartmentMembership[];
  /** Null when the caller did not say (then issuing and passing on are refused). */
  readonly streetDepartmentIds: readonly string[] | null;
}

function list(value: unknown, field: string, name: string): unknown[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value as unknown[];
  throw new ValidationError(`${name}须为列表`, { field });
}

export function checkContext(context: WhistleContext): Now {
  const c = record(context, 'context');
  const ms = time(c.now, 'now', '当前时间');
  const memberships = (list(c.memberships, 'memberships', '所在部门') ?? []).map((m, i) => {
    const r = record(m, `memberships[${i}]`);
    return {
      departmentId: filled(r.departmentId, `memberships[${i}].departmentId`, '部门'),
      role: oneOf(DEPARTMENT_ROLES, r.role, `memberships[${i}].role`, '部门角色'),
    };
  });
  const street = list(c.streetDepartmentIds, 'streetDepartmentIds', '街道的部门');
  return {
    ms,
    iso: iso(ms),
    actorId: filled(c.actorId, 'actorId', '操作人'),
    memberships,
    streetDepartmentIds:
      street === null
        ? null
        : street.map((id, i) => filled(id, `streetDepartmentIds[${i}]`, '街道的部门')),
  };
}

/** The whistle is not withdrawn, or a WRONG_STAGE saying what was refused. */
export function requireOpen(whistle: Whistle, what: string): void {
  if (whistle.status !== 'withdrawn') return;
  throw new WrongStageError(`吹哨已撤回，不能${what}`, { status: whistle.status });
}

/** The track is in one of `allowed`, or a WRONG_STAGE naming its status and what was refused. */
export function requireTrackStatus(
  track: WhistleTrack,
  allowed: readonly TrackStatus[],
  what: string,
): void {
  if (allowed.includes(track.status)) return;
  throw new WrongStageError(
    `本部门的办理状态为“${WHISTLE_TRACK_STATUS_LABELS[track.status]}”，不能${what}`,
    { departmentId: track.departmentId, status: track.status, allowed: [...allowed] },
  );
}

function memberOf(now: Now, departmentId: string, role: DepartmentRole | null): boolean {
  return now.memberships.some(
    (m) => m.departmentId === departmentId && (role === null || m.role === role),
  );
}

/**
 * The current track the actor acts on: `departmentId`'s when given, else the one current track of
 * a department they belong to (in `role`, for the dispatcher's 流转). Refused when the department
 * is not on the whistle now (404), when the actor is not its member or not in the role (403), or
 * when they belong to several departments on it and named none (400).
 */
export function actorTrack(
  whistle: Whistle,
  departmentId: unknown,
  now: Now,
  what: string,
  role: DepartmentRole | null = null,
): WhistleTrack {
  const roleRefusal = (): never => {
    throw new ForbiddenError(`只有该部门的调度员可以${what}`, { role });
  };
  if (departmentId !== undefined && departmentId !== null) {
    const id = filled(departmentId, 'departmentId', '部门');
    const track = currentTracks(whistle).find((t) => t.departmentId === id);
    if (track === undefined) {
      const passed = whistle.tracks.some((t) => t.departmentId === id);
      if (passed) {
        throw new WrongStageError(`该部门已把吹哨流转给其他部门，不能${what}`, {
          departmentId: id,
        });
      }
      throw new NotFoundError('本次吹哨没有派给该部门', { departmentId: id });
    }
    if (!memberOf(now, id, null)) {
      throw new ForbiddenError(`只有该部门的成员可以${what}`, { departmentId: id });
    }
    if (role !== null && !memberOf(now, id, role)) return roleRefusal();
    return track;
  }
  const mine = currentTracks(whistle).filter((t) => memberOf(now, t.departmentId, null));
  const inRole = role === null ? mine : mine.filter((t) => memberOf(now, t.departmentId, role));
  const [only, ...more] = inRole;
  if (only !== undefined && more.length === 0) return only;
  if (only !== undefined) {
    throw new ValidationError(`你是本次吹哨多个部门的成员，请指明以哪个部门${what}`, {
      field: 'departmentId',
      departmentIds: inRole.map((t) => t.departmentId),
    });
  }
  if (mine.length > 0) return roleRefusal();
  throw new ForbiddenError(`只有本次吹哨所派部门的成员可以${what}`);
}

/** The departments of the street, as the context gave them; refused when it did not. */
export function streetDepartments(now: Now, what: string): readonly string[] {
  if (now.streetDepartmentIds !== null) return now.streetDepartmentIds;
  throw new ValidationError(`${what}须核对街道的部门`, { field: 'streetDepartmentIds' });
}

/** The deadlines' settings of a new whistle, checked, with Chinese messages. */
export function whistleSettings(
  acceptWithinWorkingHours: unknown,
  resolveWithinWorkingDays: unknown,
  officeHours: unknown,
): WhistleSettings {
  const hours = acceptWithinWorkingHours;
  if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
    throw new ValidationError(`签收时限须为大于 0 的工作小时数（至多 ${MAX_WORKING_HOURS}）`, {
      field: 'acceptWithinWorkingHours',
    });
  }
  if (hours > MAX_WORKING_HOURS) {
    throw new ValidationError(`签收时限至多 ${MAX_WORKING_HOURS} 个工作小时`, {
      field: 'acceptWithinWorkingHours',
    });
  }
  const days = resolveWithinWorkingDays;
  if (
    typeof days !== 'number' ||
    !Number.isSafeInteger(days) ||
    days < 1 ||
    days > MAX_WORKING_DAYS
  ) {
    throw new ValidationError(`反馈时限须为 1 到 ${MAX_WORKING_DAYS} 之间的整数个工作日`, {
      field: 'resolveWithinWorkingDays',
    });
  }
  let periods: readonly OfficePeriod[] | null = null;
  if (officeHours !== undefined && officeHours !== null) {
    // The calendar checks the periods, in Chinese.
    officeSpans(officeHours as readonly OfficePeriod[]);
    periods = (officeHours as readonly OfficePeriod[]).map(({ start, end }) => ({ start, end }));
  }
  return {
    acceptWithinWorkingHours: hours,
    resolveWithinWorkingDays: days,
    officeHours: periods,
  };
}
