import { BALLOT_CHANNELS } from './voting/ballot-acceptance';
import { DEPARTMENT_KINDS, DEPARTMENT_ROLES, ROLES, PARTIES } from './community';
import { MECHANISMS, OUTCOMES, RATINGS, STAGES } from './case/types';
import {
  CLOSE_CAUSES,
  CONFIRMATION_RECORDERS,
  DEMAND_CATEGORIES,
  DEMAND_STATUSES,
  LEDGER_SOURCES,
} from './demand/types';
import { WHISTLE_TIMER_KINDS } from './whistle/deadlines';
import {
  CIVIL_CODE_MATTERS,
  civilCodeThreshold,
  DECISION_KINDS,
  MEETING_REQUIREMENTS,
} from './case/procedure';
import {
  ESCALATION_SOURCE_KINDS,
  TRACK_STATUSES,
  WHISTLE_DEADLINES,
  WHISTLE_STATUSES,
} from './whistle/types';
import {
  CONFIRMATION_RECORDER_LABELS,
  DEMAND_CATEGORY_LABELS,
  DEMAND_CLOSE_CAUSE_LABELS,
  DEMAND_EVENT_LABELS,
  DEMAND_STATUS_LABELS,
  ESCALATION_SOURCE_LABELS,
  BALLOT_CHANNEL_LABELS,
  CASE_EVENT_LABELS,
  DEMAND_SOURCE_LABELS,
  DEPARTMENT_KIND_LABELS,
  DEPARTMENT_ROLE_LABELS,
  CIVIL_CODE_MATTER_LABELS,
  CIVIL_CODE_MATTER_THRESHOLDS,
  DECISION_KIND_EXPLANATIONS,
  DECISION_KIND_LABELS,
  fileSizeText,
  labelOf,
  MEETING_REQUIREMENT_LABELS,
  procedureText,
  MATTER_LABELS,
  MECHANISM_LABELS,
  OUTCOME_LABELS,
  PARTY_LABELS,
  RATING_LABELS,
  ROLE_LABELS,
  ruleLabel,
  STAGE_LABELS,
  WHISTLE_DEADLINE_LABELS,
  WHISTLE_EVENT_LABELS,
  WHISTLE_STATUS_LABELS,
  WHISTLE_TIMER_LABELS,
  WHISTLE_TRACK_STATUS_LABELS,
} from './labels';

const HAN = /\p{Script=Han}/u;

describe('the label table', () => {
  it('names every code of every list in Chinese', () => {
    const lists: [readonly string[], Readonly<Record<string, string>>][] = [
      [STAGES, STAGE_LABELS],
      [PARTIES, PARTY_LABELS],
      [ROLES, ROLE_LABELS],
      [DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS],
      [DEPARTMENT_ROLES, DEPARTMENT_ROLE_LABELS],
      [MECHANISMS, MECHANISM_LABELS],
      [LEDGER_SOURCES, DEMAND_SOURCE_LABELS],
      [DEMAND_STATUSES, DEMAND_STATUS_LABELS],
      [DEMAND_CATEGORIES, DEMAND_CATEGORY_LABELS],
      [CONFIRMATION_RECORDERS, CONFIRMATION_RECORDER_LABELS],
      [CLOSE_CAUSES, DEMAND_CLOSE_CAUSE_LABELS],
      [BALLOT_CHANNELS, BALLOT_CHANNEL_LABELS],
      [RATINGS, RATING_LABELS],
      [OUTCOMES, OUTCOME_LABELS],
      [['ordinary', 'major'], MATTER_LABELS],
      [WHISTLE_STATUSES, WHISTLE_STATUS_LABELS],
      [TRACK_STATUSES, WHISTLE_TRACK_STATUS_LABELS],
      [WHISTLE_DEADLINES, WHISTLE_DEADLINE_LABELS],
      [WHISTLE_TIMER_KINDS, WHISTLE_TIMER_LABELS],
      [ESCALATION_SOURCE_KINDS, ESCALATION_SOURCE_LABELS],
      [MEETING_REQUIREMENTS, MEETING_REQUIREMENT_LABELS],
      [DECISION_KINDS, DECISION_KIND_LABELS],
      [DECISION_KINDS, DECISION_KIND_EXPLANATIONS],
      [CIVIL_CODE_MATTERS, CIVIL_CODE_MATTER_LABELS],
    ];
    for (const [codes, labels] of lists) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      for (const code of codes) expect(labels[code]).toMatch(HAN);
    }
    for (const label of Object.values(CASE_EVENT_LABELS)) expect(label).toMatch(HAN);
    for (const label of Object.values(DEMAND_EVENT_LABELS)) expect(label).toMatch(HAN);
    for (const label of Object.values(WHISTLE_EVENT_LABELS)) expect(label).toMatch(HAN);
  });

  it('says a rule with its matter as one phrase', () => {
    expect(ruleLabel('civil-code-278', 'ordinary')).toBe('民法典第二百七十八条·一般事项');
    expect(ruleLabel('civil-code-278', 'major')).toBe('民法典第二百七十八条·重大事项');
    expect(ruleLabel('simple-majority', 'ordinary')).toBe('简单多数');
    expect(ruleLabel('civil-code-278')).toBe('民法典第二百七十八条');
  });

  it("says each Art. 278 matter's threshold as the law sets it", () => {
    for (const matter of CIVIL_CODE_MATTERS)
      expect(CIVIL_CODE_MATTER_THRESHOLDS[matter]).toBe(civilCodeThreshold(matter));
  });

  it('says a procedure in one line', () => {
    expect(procedureText({ meeting: 'required', decision: 'council' })).toBe(
      '须召开议事会 · 议事会决定',
    );
    expect(
      procedureText({ meeting: 'optional', decision: 'owners-vote', civilCodeMatter: 'rebuild' }),
    ).toBe('视情况召开议事会 · 业主表决 · 民法典第二百七十八条·重大事项');
  });

  it('shows an unknown code as it is, and nothing as a dash', () => {
    expect(labelOf(DEMAND_SOURCE_LABELS, 'online')).toBe('线上提交');
    expect(labelOf(DEMAND_SOURCE_LABELS, 'pigeon')).toBe('pigeon');
    expect(labelOf(DEMAND_SOURCE_LABELS, 'toString')).toBe('toString');
    expect(labelOf(DEMAND_SOURCE_LABELS, null)).toBe('—');
  });

  it('says a file size in MB, KB or 字节', () => {
    expect(fileSizeText(10 * 1024 * 1024)).toBe('10 MB');
    expect(fileSizeText(1_500_000)).toBe('1.4 MB');
    expect(fileSizeText(64 * 1024)).toBe('64 KB');
    expect(fileSizeText(100)).toBe('100 字节');
  });
});
