import { ValidationError } from '../errors';

/** One offending field, in the shape the HTTP layer uses for `details.fields`. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** At most this many fields are listed; a 10,000-row import must not answer with 10,000 lines. */
const MAX_LISTED = 50;

/** Collects problems and throws them together, so the caller sees every bad row at once. */
export class Problems {
  private readonly fields = new Map<string, string[]>();
  private count = 0;

  add(field: string, problem: string): void {
    this.count += 1;
    const existing = this.fields.get(field);
    if (existing !== undefined) existing.push(problem);
    else if (this.fields.size < MAX_LISTED) this.fields.set(field, [problem]);
  }

  get empty(): boolean {
    return this.count === 0;
  }

  throwIfAny(message: string): void {
    if (this.empty) return;
    const fields: FieldProblem[] = [...this.fields].map(([field, problems]) => ({
      field,
      problems,
    }));
    throw new ValidationError(message, { fields, problemCount: this.count });
  }
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function isHundredths(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Array.isArray, without narrowing a typed list to `any[]`. */
export function isList(value: unknown): boolean {
  return Array.isArray(value);
}
