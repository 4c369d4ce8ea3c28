/*
 * The words people read for codes, and times, come from the domain (libs/domain/src/labels.ts and
 * calendar/time.ts): the API's messages, the archive, the CSV exports and these pages say a code
 * the same way, and every time is China Standard Time whatever the phone's zone.
 */
import {
  BALLOT_CHANNEL_LABELS,
  CASE_EVENT_LABELS,
  CHOICE_LABELS,
  CIVIL_CODE_MATTER_LABELS,
  CIVIL_CODE_MATTER_THRESHOLDS,
  CIVIL_CODE_THRESHOLD_TEXT,
  CONFIRMATION_RECORDER_LABELS,
  DECISION_KIND_EXPLANATIONS,
  DECISION_KIND_LABELS,
  DEMAND_CATEGORY_LABELS,
  DEMAND_CLOSE_CAUSE_LABELS,
  DEMAND_EVENT_LABELS,
  DEMAND_SOURCE_LABELS,
  DEMAND_STATUS_LABELS,
  MATTER_LABELS,
  MECHANISM_LABELS,
  MEETING_CIRCLE_LABELS,
  MEETING_REQUIREMENT_LABELS,
  OUTCOME_LABELS as OUTCOME_TABLE,
  PARTY_LABELS,
  RATING_LABELS,
  ROLE_LABELS,
  RULE_LABELS,
  SIGN_IN_METHOD_LABELS,
  STAGE_LABELS,
} from '@yishi/domain/labels';
import {
  formatChineseDate,
  formatChineseMonthDay,
  formatChineseTime,
} from '@yishi/domain/calendar/time';

export {
  BALLOT_CHANNEL_LABELS,
  CHOICE_LABELS,
  CIVIL_CODE_MATTER_LABELS,
  CIVIL_CODE_MATTER_THRESHOLDS,
  CIVIL_CODE_THRESHOLD_TEXT,
  CONFIRMATION_RECORDER_LABELS,
  DECISION_KIND_EXPLANATIONS,
  DECISION_KIND_LABELS,
  DEMAND_CATEGORY_LABELS,
  DEMAND_CLOSE_CAUSE_LABELS,
  DEMAND_EVENT_LABELS,
  DEMAND_STATUS_LABELS,
  MATTER_LABELS,
  MECHANISM_LABELS,
  MEETING_CIRCLE_LABELS,
  MEETING_REQUIREMENT_LABELS,
  PARTY_LABELS,
  RATING_LABELS,
  ROLE_LABELS,
  RULE_LABELS,
  SIGN_IN_METHOD_LABELS,
  STAGE_LABELS,
};
export { labelOf, procedureText, ruleLabel } from '@yishi/domain/labels';
export const SOURCE_LABELS = DEMAND_SOURCE_LABELS;
/** How a closed case ended (the API's `closure.outcome`, a string here). */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = OUTCOME_TABLE;

/** Event types of the case timeline, as people say them; unknown ones show as they are. */
export const EVENT_LABELS: Readonly<Record<string, string>> = CASE_EVENT_LABELS;

const valid = (iso: string): boolean => !Number.isNaN(Date.parse(iso));

/** `2026年12月10日 08:12` (China Standard Time); `—` for none. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  return valid(iso) ? formatChineseTime(iso) : iso;
}

/** `2026年12月10日` (China Standard Time); `—` for none. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  return valid(iso) ? formatChineseDate(iso) : iso;
}

/** `12月10日` (China Standard Time), for one-line summaries. */
export function formatMonthDay(iso: string): string {
  return valid(iso) ? formatChineseMonthDay(iso) : iso;
}

export function scopeText(scope: {
  estate: string;
  building: string | null;
  entrance: string | null;
}): string {
  return [scope.estate, scope.building, scope.entrance]
    .filter((p) => p !== null && p !== '')
    .join(' ');
}

/* 吹哨报到 (pages/whistles): a whistle's and a track's status, its deadlines, a department role. */
export {
  DEPARTMENT_ROLE_LABELS,
  WHISTLE_DEADLINE_LABELS,
  WHISTLE_STATUS_LABELS,
  WHISTLE_TRACK_STATUS_LABELS,
} from '@yishi/domain/labels';
