import {
  DEFAULT_WHISTLE_SETTINGS,
  BALLOT_DISCLOSURES,
  DEMAND_CATEGORIES,
  isDemandPrefix,
  ValidationError,
  type BallotDisclosure,
  type DemandCategory,
  type DemandSettings,
} from '@yishi/domain';
import { FALLBACK_DEMAND_PREFIX } from './demand-prefix';

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
  /**
   * 最低参评比例: the share of the units in scope that must evaluate for a round to count (0 to 1,
   * kept exact); fewer, and the case closes `unevaluated`. Applies to rounds concluded after a change.
   */
  readonly minEvaluationResponse: Fraction;
  /** Working days to acknowledge a stage (Chinese calendar); null: acknowledgementHours applies. */
  readonly acknowledgementWorkingDays: number | null;
  /** With acknowledgementWorkingDays: the reminder this many working days before the deadline. */
  readonly reminderBeforeWorkingDays: number | null;
  /** A task given without a due date is due this many working days after it is assigned. */
  readonly taskDueWorkingDays: number;
  /** The assignee party is reminded this many hours before a task's due date. */
  readonly taskReminderBeforeHours: number;
  /** Owners whose units have not voted are reminded this many hours before a vote closes. */
  readonly voteReminderHoursBeforeClose: readonly number[];
  /**
   * The objection period (询异) after a vote closes, in working days: 0, none (the result is final
   * at the close). `objectionHours`, when not null, gives it in clock hours instead (drills).
   */
  readonly objectionWorkingDays: number;
  readonly objectionHours: number | null;
  /** 实名 open voting publishes each unit's room, area and choice; `totals`: the totals only. */
  readonly ballotDisclosure: BallotDisclosure;
  /**
   * The prefix of the demands ledger's numbers (`XY` in `XY-20261207-0001`): 2 to 6 capital
   * letters. A new community starts with its name's (`defaultDemandPrefix`).
   */
  readonly demandNumberPrefix: string;
  /** 签收时限: elapsed hours from receipt to accept a demand (fractions allowed, for drills). */
  readonly demandAcceptHours: number;
  /** 办结时限: working days from receipt to resolve a demand, unless its category has its own. */
  readonly demandResolveWorkingDays: number;
  readonly demandResolveWorkingDaysByCategory: Readonly<Partial<Record<DemandCategory, number>>>;
  /** 评价时限: working days the submitter has to confirm a resolution before it closes unevaluated. */
  readonly demandConfirmWorkingDays: number;
  /** 吹哨签收时限: working hours (office hours of working days) a department has to accept a whistle. */
  readonly whistleAcceptWorkingHours: number;
  /** 吹哨反馈时限: working days from acceptance for a department to answer a whistle. */
  readonly whistleAnswerWorkingDays: number;
}

export const DEFAULT_SETTINGS: CommunitySettings = {
  acknowledgementHours: 48,
  reminderBeforeHours: 24,
  noticePeriodHours: 72,
  evaluationWindowHours: 7 * 24,
  satisfactionThreshold: { numerator: 2, denominator: 3 },
  minEvaluationResponse: { numerator: 3, denominator: 10 },
  acknowledgementWorkingDays: null,
  reminderBeforeWorkingDays: null,
  taskDueWorkingDays: 10,
  taskReminderBeforeHours: 24,
  voteReminderHoursBeforeClose: [72, 24],
  objectionWorkingDays: 0,
  objectionHours: null,
  ballotDisclosure: 'totals',
  demandNumberPrefix: FALLBACK_DEMAND_PREFIX,
  demandAcceptHours: 24,
  demandResolveWorkingDays: 7,
  demandResolveWorkingDaysByCategory: {},
  demandConfirmWorkingDays: 3,
  whistleAcceptWorkingHours: DEFAULT_WHISTLE_SETTINGS.acceptWithinWorkingHours,
  whistleAnswerWorkingDays: DEFAULT_WHISTLE_SETTINGS.resolveWithinWorkingDays,
};

/** A demand's deadlines at intake under these settings (its category's resolve days, if set). */
export function demandSettingsOf(s: CommunitySettings, category: string): DemandSettings {
  const byCategory = s.demandResolveWorkingDaysByCategory[category as DemandCategory];
  return {
    acceptWithin: { hours: s.demandAcceptHours },
    resolveWithin: { workingDays: byCategory ?? s.demandResolveWorkingDays },
    confirmWithin: { workingDays: s.demandConfirmWorkingDays },
  };
}

const wholeWorkingDays = (v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_WORKING_DAYS_SETTING;

/** `demandResolveWorkingDaysByCategory`: known categories to whole working days; {} clears. */
export function parseResolveDaysByCategory(
  value: unknown,
): Partial<Record<DemandCategory, number>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Partial<Record<DemandCategory, number>> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!(DEMAND_CATEGORIES as readonly string[]).includes(k) || !wholeWorkingDays(v))
      return undefined;
    out[k as DemandCategory] = v;
  }
  return out;
}

/** At most this many reminders before a vote closes. */
export const MAX_VOTE_REMINDERS = 10;

/**
 * `voteReminderHoursBeforeClose`: distinct hours above 0 (fractions allowed), at most
 * MAX_VOTE_REMINDERS of them, kept largest first; an empty list sends no reminder.
 */
export function parseVoteReminderHours(value: unknown): number[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_VOTE_REMINDERS) return undefined;
  const hours: number[] = [];
  for (const v of value as unknown[]) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_HOURS) return undefined;
    if (hours.includes(v)) return undefined;
    hours.push(v);
  }
  return hours.sort((a, b) => b - a);
}

/** Whole working days: at most a year's worth. */
export const MAX_WORKING_DAYS_SETTING = 366;

export const MAX_HOURS = 24 * 366;

export const HOUR_FIELDS = [
  'acknowledgementHours',
  'reminderBeforeHours',
  'noticePeriodHours',
  'evaluationWindowHours',
  'taskReminderBeforeHours',
] as const;

/** Whole working days; the nullable ones switch back to hours with null. */
export const WORKING_DAY_FIELDS = [
  { field: 'acknowledgementWorkingDays', min: 1, nullable: true },
  { field: 'reminderBeforeWorkingDays', min: 0, nullable: true },
  { field: 'taskDueWorkingDays', min: 1, nullable: false },
  { field: 'objectionWorkingDays', min: 0, nullable: false },
] as const;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * 0.75, "0.75", "3/4" → 3/4. A number is matched to the smallest denominator up to 10,000 that
 * gives it exactly, so the 0.6666666666666666 that GET returns for 2/3 is read back as 2/3. Above 0
 * and at most 1; with `zero`, 0 too (as 0/1).
 */
export function parseFraction(value: unknown, zero = false): Fraction | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(value);
    if (m !== null) {
      const n = Number(m[1]);
      const d = Number(m[2]);
      if (d === 0 || (n === 0 && !zero) || n > d) return undefined;
      if (n === 0) return { numerator: 0, denominator: 1 };
      const g = gcd(n, d);
      return { numerator: n / g, denominator: d / g };
    }
    if (!/^\s*\d*\.?\d+\s*$/.test(value)) return undefined;
    return parseFraction(Number(value), zero);
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
    return undefined;
  if (value === 0) return zero ? { numerator: 0, denominator: 1 } : undefined;
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
      problems.push({ field, problems: [`须为 0 到 ${MAX_HOURS} 之间的小时数`] });
    else next[field] = v;
  }
  for (const { field, min, nullable } of WORKING_DAY_FIELDS) {
    const v = patch[field];
    if (v === undefined) continue;
    if (v === null && nullable) next[field] = null;
    else if (
      typeof v !== 'number' ||
      !Number.isInteger(v) ||
      v < min ||
      v > MAX_WORKING_DAYS_SETTING
    )
      problems.push({
        field,
        problems: [
          `须为 ${min} 到 ${MAX_WORKING_DAYS_SETTING} 之间的整数个工作日${nullable ? '，或为 null（按小时计）' : ''}`,
        ],
      });
    else next[field] = v;
  }
  if (patch.objectionHours !== undefined) {
    const v = patch.objectionHours;
    if (v === null) next.objectionHours = null;
    else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > MAX_HOURS)
      problems.push({
        field: 'objectionHours',
        problems: [`须为 0 到 ${MAX_HOURS} 之间的小时数，或为 null（按工作日计）`],
      });
    else next.objectionHours = v;
  }
  if (patch.ballotDisclosure !== undefined) {
    if (!(BALLOT_DISCLOSURES as readonly unknown[]).includes(patch.ballotDisclosure))
      problems.push({
        field: 'ballotDisclosure',
        problems: ['须为 "open"（公开每户意见）或 "totals"（只公示总数）'],
      });
    else next.ballotDisclosure = patch.ballotDisclosure;
  }
  if (patch.demandNumberPrefix !== undefined) {
    if (!isDemandPrefix(patch.demandNumberPrefix))
      problems.push({
        field: 'demandNumberPrefix',
        problems: ['诉求编号前缀须为 2 到 6 个大写英文字母，例如 XY'],
      });
    else next.demandNumberPrefix = patch.demandNumberPrefix;
  }
  if (patch.satisfactionThreshold !== undefined) {
    const f = parseFraction(patch.satisfactionThreshold);
    if (f === undefined)
      problems.push({
        field: 'satisfactionThreshold',
        problems: ['须为大于 0、不超过 1 的比例，例如 0.75 或 "2/3"'],
      });
    else next.satisfactionThreshold = f;
  }
  if (patch.minEvaluationResponse !== undefined) {
    const f = parseFraction(patch.minEvaluationResponse, true);
    if (f === undefined)
      problems.push({
        field: 'minEvaluationResponse',
        problems: ['最低参评比例须为 0 到 1 之间的比例，例如 0.3 或 "3/10"；0 表示不设最低'],
      });
    else next.minEvaluationResponse = f;
  }
  if (patch.voteReminderHoursBeforeClose !== undefined) {
    const hours = parseVoteReminderHours(patch.voteReminderHoursBeforeClose);
    if (hours === undefined)
      problems.push({
        field: 'voteReminderHoursBeforeClose',
        problems: [
          `须为最多 ${MAX_VOTE_REMINDERS} 个互不相同、大于 0 且不超过 ${MAX_HOURS} 的小时数`,
        ],
      });
    else next.voteReminderHoursBeforeClose = hours;
  }
  if (patch.demandAcceptHours !== undefined) {
    const v = patch.demandAcceptHours;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_HOURS)
      problems.push({
        field: 'demandAcceptHours',
        problems: [`诉求签收时限须为大于 0、不超过 ${MAX_HOURS} 的小时数`],
      });
    else next.demandAcceptHours = v;
  }
  if (patch.whistleAcceptWorkingHours !== undefined) {
    const v = patch.whistleAcceptWorkingHours;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > MAX_HOURS)
      problems.push({
        field: 'whistleAcceptWorkingHours',
        problems: [`吹哨签收时限须为大于 0、不超过 ${MAX_HOURS} 的工作小时数`],
      });
    else next.whistleAcceptWorkingHours = v;
  }
  for (const field of [
    'demandResolveWorkingDays',
    'demandConfirmWorkingDays',
    'whistleAnswerWorkingDays',
  ] as const) {
    const v = patch[field];
    if (v === undefined) continue;
    if (!wholeWorkingDays(v))
      problems.push({
        field,
        problems: [`须为 1 到 ${MAX_WORKING_DAYS_SETTING} 之间的整数个工作日`],
      });
    else next[field] = v;
  }
  if (patch.demandResolveWorkingDaysByCategory !== undefined) {
    const v = parseResolveDaysByCategory(patch.demandResolveWorkingDaysByCategory);
    if (v === undefined)
      problems.push({
        field: 'demandResolveWorkingDaysByCategory',
        problems: [
          `须为诉求类别到工作日数的对应，例如 {"public-facilities": 5}；工作日数为 1 到 ${MAX_WORKING_DAYS_SETTING} 的整数`,
        ],
      });
    else next.demandResolveWorkingDaysByCategory = v;
  }
  const merged = next as unknown as CommunitySettings;
  if (problems.length === 0 && merged.reminderBeforeHours > merged.acknowledgementHours)
    problems.push({
      field: 'reminderBeforeHours',
      problems: ['不能大于签收时限（acknowledgementHours）'],
    });
  if (problems.length === 0 && merged.reminderBeforeWorkingDays !== null) {
    if (merged.acknowledgementWorkingDays === null)
      problems.push({
        field: 'reminderBeforeWorkingDays',
        problems: [
          '须同时设置签收时限工作日数（acknowledgementWorkingDays），或设为 null 改用小时',
        ],
      });
    else if (merged.reminderBeforeWorkingDays >= merged.acknowledgementWorkingDays)
      problems.push({
        field: 'reminderBeforeWorkingDays',
        problems: ['须小于签收时限工作日数（acknowledgementWorkingDays）'],
      });
  }
  if (problems.length > 0) throw new ValidationError('社区设置填写有误', { fields: problems });
  return merged;
}

/** The settings as the API shows them: each share as a number, and exactly as a fraction. */
export function settingsView(s: CommunitySettings) {
  return {
    acknowledgementHours: s.acknowledgementHours,
    reminderBeforeHours: s.reminderBeforeHours,
    noticePeriodHours: s.noticePeriodHours,
    evaluationWindowHours: s.evaluationWindowHours,
    satisfactionThreshold: s.satisfactionThreshold.numerator / s.satisfactionThreshold.denominator,
    satisfactionThresholdFraction: fractionText(s.satisfactionThreshold),
    minEvaluationResponse: s.minEvaluationResponse.numerator / s.minEvaluationResponse.denominator,
    minEvaluationResponseFraction: fractionText(s.minEvaluationResponse),
    acknowledgementWorkingDays: s.acknowledgementWorkingDays,
    reminderBeforeWorkingDays: s.reminderBeforeWorkingDays,
    taskDueWorkingDays: s.taskDueWorkingDays,
    taskReminderBeforeHours: s.taskReminderBeforeHours,
    voteReminderHoursBeforeClose: [...s.voteReminderHoursBeforeClose],
    objectionWorkingDays: s.objectionWorkingDays,
    objectionHours: s.objectionHours,
    ballotDisclosure: s.ballotDisclosure,
    demandNumberPrefix: s.demandNumberPrefix,
    demandAcceptHours: s.demandAcceptHours,
    demandResolveWorkingDays: s.demandResolveWorkingDays,
    demandResolveWorkingDaysByCategory: { ...s.demandResolveWorkingDaysByCategory },
    demandConfirmWorkingDays: s.demandConfirmWorkingDays,
    whistleAcceptWorkingHours: s.whistleAcceptWorkingHours,
    whistleAnswerWorkingDays: s.whistleAnswerWorkingDays,
  };
}
