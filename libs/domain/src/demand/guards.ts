/**
 * Checks on what a demand command carries, with messages in Chinese. Field shapes are the HTTP
 * DTOs' job; these exist so that no input, however it reaches the decider, folds into a state that
 * breaks the ledger's rules. `field` is the field's path, `name` how people call it.
 */
import { ValidationError } from '../errors';

export function record(value: unknown, field: string): Readonly<Record<string, unknown>> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as Record<string, unknown>;
  }
  throw new ValidationError(`${field} 须为对象`, { field });
}

export function oneOf<T extends string>(
  values: readonly T[],
  value: unknown,
  field: string,
  name: string,
): T {
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  throw new ValidationError(`${name}须为以下之一：${values.join('、')}`, {
    field,
    allowed: [...values],
  });
}

/** A non-blank string: an identifier, or words people must give (a reason, a note). */
export function filled(value: unknown, field: string, name: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ValidationError(`${name}不能为空`, { field });
}

export function optionalFilled(value: unknown, field: string, name: string): string | null {
  return value === undefined || value === null ? null : filled(value, field, name);
}

export function text(value: unknown, field: string, name: string): string {
  if (typeof value === 'string') return value;
  throw new ValidationError(`${name}须为文字`, { field });
}

export function optionalText(value: unknown, field: string, name: string): string | null {
  return value === undefined || value === null ? null : text(value, field, name);
}

/** A list of identifiers (photos in the evidence store); absent is empty. */
export function ids(value: unknown, field: string, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item, i) => filled(item, `${field}[${i}]`, name));
  throw new ValidationError(`${name}须为列表`, { field });
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with its offset, as milliseconds since the epoch. */
export function time(value: unknown, field: string, name: string): number {
  const ms = typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isFinite(ms)) return ms;
  throw new ValidationError(`${name}须为带时区的时间，例如 2026-12-07T09:00:00+08:00`, { field });
}

/** Times are stored in one form (UTC, milliseconds), so equal instants are equal strings. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
