import { ValidationError } from '../errors';
import { MAX_WORKING_DAYS } from '../calendar';
import { type CaseSettings, type Fraction, type JsonValue } from './types';

/*
 * Checks on what a command carries. Field shapes are the HTTP DTOs' job; these exist so that no input,
 * however it reaches the decider, can fold into a state that breaks the case's rules.
 */

export function oneOf<T extends string>(values: readonly T[], value: unknown, field: string): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new ValidationError(`${field} must be one of ${values.join(', ')}`, {
    field,
    allowed: [...values],
  });
}

/** An identifier: a non-blank string. */
export function id(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ValidationError(`${field} must be a non-empty string`, { field });
}

export function text(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  throw new ValidationError(`${field} must be a string`, { field });
}

export function optionalText(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : text(value, field);
}

export function texts(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, i) => text(item, `${field}[${i}]`));
  throw new ValidationError(`${field} must be a list of strings`, { field });
}

export function list(value: unknown, field: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new ValidationError(`${field} must be a list`, { field });
}

export function record(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new ValidationError(`${field} must be an object`, { field });
}

export function finite(value: unknown, field: string, min: number, max: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) {
    return value;
  }
  throw new ValidationError(`${field} must be a number from ${min} to ${max}`, { field, min, max });
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with its offset, as milliseconds since the epoch. */
export function time(value: unknown, field: string): number {
  const ms = typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isFinite(ms)) return ms;
  throw new ValidationError(`${field} must be an ISO 8601 date-time with an offset`, { field });
}

/** Times are stored in one form (UTC, milliseconds), so equal instants are equal strings. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function addHours(ms: number, hours: number): number {
  return ms + Math.round(hours * 3_600_000);
}

/** Ten years: beyond any sensible period, and far inside what a Date can hold. */
const MAX_HOURS = 87_600;

/** A fraction of whole numbers from 0 to 1, as given. */
function share(value: unknown, field: string): Fraction {
  const f = record(value, field);
  const numerator = f.numerator;
  const denominator = f.denominator;
  if (
    typeof numerator !== 'number' ||
    typeof denominator !== 'number' ||
    !Number.isSafeInteger(numerator) ||
    !Number.isSafeInteger(denominator) ||
    denominator <= 0 ||
    numerator < 0 ||
    numerator > denominator
  ) {
    throw new ValidationError(`${field} must be a fraction of whole numbers from 0 to 1`, {
      field,
    });
  }
  return { numerator, denominator };
}

export function settings(value: unknown, field = 'settings'): CaseSettings {
  const s = record(value, field);
  const satisfactionThreshold = share(s.satisfactionThreshold, `${field}.satisfactionThreshold`);
  return {
    acknowledgementHours: finite(
      s.acknowledgementHours,
      `${field}.acknowledgementHours`,
      0,
      MAX_HOURS,
    ),
    reminderBeforeHours: finite(
      s.reminderBeforeHours,
      `${field}.reminderBeforeHours`,
      0,
      MAX_HOURS,
    ),
    noticePeriodHours: finite(s.noticePeriodHours, `${field}.noticePeriodHours`, 0, MAX_HOURS),
    evaluationWindowHours: finite(
      s.evaluationWindowHours,
      `${field}.evaluationWindowHours`,
      0,
      MAX_HOURS,
    ),
    satisfactionThreshold,
    ...workingDaySettings(s, field),
    // Absent stays absent (older events): the conclusion then uses the default.
    ...(s.minEvaluationResponse === undefined || s.minEvaluationResponse === null
      ? {}
      : {
          minEvaluationResponse: share(s.minEvaluationResponse, `${field}.minEvaluationResponse`),
        }),
  };
}

/** The optional working-day settings (issue 6): absent stays absent, so older events fold as before. */
function workingDaySettings(
  s: { readonly [key: string]: unknown },
  field: string,
): Pick<
  CaseSettings,
  | 'acknowledgementWorkingDays'
  | 'reminderBeforeWorkingDays'
  | 'taskDueWorkingDays'
  | 'taskReminderBeforeHours'
> {
  const days = (key: string, min: number): number | null => {
    const v = s[key];
    if (v === null) return null;
    const n = finite(v, `${field}.${key}`, min, MAX_WORKING_DAYS);
    if (!Number.isInteger(n)) {
      throw new ValidationError(`${field}.${key} must be a whole number of working days`, {
        field: `${field}.${key}`,
      });
    }
    return n;
  };
  const out: {
    acknowledgementWorkingDays?: number | null;
    reminderBeforeWorkingDays?: number | null;
    taskDueWorkingDays?: number;
    taskReminderBeforeHours?: number;
  } = {};
  if (s.acknowledgementWorkingDays !== undefined)
    out.acknowledgementWorkingDays = days('acknowledgementWorkingDays', 1);
  if (s.reminderBeforeWorkingDays !== undefined)
    out.reminderBeforeWorkingDays = days('reminderBeforeWorkingDays', 0);
  if (s.taskDueWorkingDays !== undefined && s.taskDueWorkingDays !== null)
    out.taskDueWorkingDays = days('taskDueWorkingDays', 1) ?? undefined;
  if (s.taskReminderBeforeHours !== undefined && s.taskReminderBeforeHours !== null)
    out.taskReminderBeforeHours = finite(
      s.taskReminderBeforeHours,
      `${field}.taskReminderBeforeHours`,
      0,
      MAX_HOURS,
    );
  return out;
}

const MAX_JSON_DEPTH = 16;

/** A tally as plain JSON: it is stored in the event as given. */
export function jsonObject(value: unknown, field: string): { readonly [key: string]: JsonValue } {
  const object = record(value, field);
  assertJson(object, field, 0);
  return object as { readonly [key: string]: JsonValue };
}

function assertJson(value: unknown, path: string, depth: number): void {
  if (depth > MAX_JSON_DEPTH) throw new ValidationError(`${path} is nested too deeply`, { path });
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number' && Number.isFinite(value)) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJson(item, `${path}[${i}]`, depth + 1));
    return;
  }
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    for (const [key, item] of Object.entries(value as object))
      assertJson(item, `${path}.${key}`, depth + 1);
    return;
  }
  throw new ValidationError(`${path} must be plain JSON`, { path });
}
