import { ValidationError } from '@yishi/domain';

export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** A community's deliberation settings; a change applies to stages entered after it. */
export interface CommunitySettings {
  readonly acknowledgementHours: number;
  readonly reminderBeforeHours: number;
  readonly noticePeriodHours: number;
  readonly evaluationWindowHours: number;
  /** Share of satisfied + basically satisfied evaluations that closes a case (kept exact). */
  readonly satisfactionThreshold: Fraction;
}

export const DEFAULT_SETTINGS: CommunitySettings = {
  acknowledgementHours: 48,
  reminderBeforeHours: 24,
  noticePeriodHours: 72,
  evaluationWindowHours: 7 * 24,
  satisfactionThreshold: { numerator: 2, denominator: 3 },
};

export const MAX_HOURS = 24 * 366;

export const HOUR_FIELDS = [
  'acknowledgementHours',
  'reminderBeforeHours',
  'noticePeriodHours',
  'evaluationWindowHours',
] as const;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * 0.75, "0.75", "3/4" → 3/4. A number is matched to the smallest denominator up to 10,000 that
 * gives it exactly, so the 0.6666666666666666 that GET returns for 2/3 is read back as 2/3.
 */
export function parseFraction(value: unknown): Fraction | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(value);
    if (m !== null) {
      const n = Number(m[1]);
      const d = Number(m[2]);
      if (d === 0 || n === 0 || n > d) return undefined;
      const g = gcd(n, d);
      return { numerator: n / g, denominator: d / g };
    }
    if (!/^\s*\d*\.?\d+\s*$/.test(value)) return undefined;
    return parseFraction(Number(value));
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 1)
    return undefined;
  for (let d = 1; d <= 10_000; d++) {
    const n = Math.round(value * d);
    if (n > 0 && Math.abs(n / d - value) < 1e-12) return { numerator: n, denominator: d };
  }
  return undefined;
}

export function fractionText(f: Fraction): string {
  return `${f.numerator}/${f.denominator}`;
}

/** The settings with `patch` applied, or a ValidationError naming each bad field. */
export function applySettingsPatch(
  current: CommunitySettings,
  patch: Record<string, unknown>,
): CommunitySettings {
  const problems: { field: string; problems: string[] }[] = [];
  const next: Record<string, unknown> = { ...current };
  for (const field of HOUR_FIELDS) {
    const v = patch[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_HOURS)
      problems.push({ field, problems: [`must be a number of hours from 0 to ${MAX_HOURS}`] });
    else next[field] = v;
  }
  if (patch.satisfactionThreshold !== undefined) {
    const f = parseFraction(patch.satisfactionThreshold);
    if (f === undefined)
      problems.push({
        field: 'satisfactionThreshold',
        problems: ['must be a fraction above 0 and at most 1, e.g. 0.75 or "2/3"'],
      });
    else next.satisfactionThreshold = f;
  }
  const merged = next as unknown as CommunitySettings;
  if (problems.length === 0 && merged.reminderBeforeHours > merged.acknowledgementHours)
    problems.push({
      field: 'reminderBeforeHours',
      problems: ['must not be more than acknowledgementHours'],
    });
  if (problems.length > 0)
    throw new ValidationError('The settings are not valid', { fields: problems });
  return merged;
}

/** The settings as the API shows them: the threshold as a number, and exactly as a fraction. */
export function settingsView(s: CommunitySettings) {
  return {
    acknowledgementHours: s.acknowledgementHours,
    reminderBeforeHours: s.reminderBeforeHours,
    noticePeriodHours: s.noticePeriodHours,
    evaluationWindowHours: s.evaluationWindowHours,
    satisfactionThreshold: s.satisfactionThreshold.numerator / s.satisfactionThreshold.denominator,
    satisfactionThresholdFraction: fractionText(s.satisfactionThreshold),
  };
}
