import { ValidationError } from '@yishi/domain';
import {
  applySettingsPatch,
  DEFAULT_SETTINGS,
  demandSettingsOf,
  parseFraction,
  settingsView,
} from './settings';

describe('community settings', () => {
  it('defaults: 48 h to acknowledge, reminder 24 h before, 72 h notice, 7 days, 2/3, 3/10', () => {
    expect(settingsView(DEFAULT_SETTINGS)).toEqual({
      acknowledgementHours: 48,
      reminderBeforeHours: 24,
      noticePeriodHours: 72,
      evaluationWindowHours: 168,
      satisfactionThreshold: 2 / 3,
      satisfactionThresholdFraction: '2/3',
      minEvaluationResponse: 0.3,
      minEvaluationResponseFraction: '3/10',
      acknowledgementWorkingDays: null,
      reminderBeforeWorkingDays: null,
      taskDueWorkingDays: 10,
      taskReminderBeforeHours: 24,
      voteReminderHoursBeforeClose: [72, 24],
      objectionWorkingDays: 0,
      objectionHours: null,
      ballotDisclosure: 'totals',
      demandNumberPrefix: 'SQ',
      demandAcceptHours: 24,
      demandResolveWorkingDays: 7,
      demandResolveWorkingDaysByCategory: {},
      demandConfirmWorkingDays: 3,
      whistleAcceptWorkingHours: 2,
      whistleAnswerWorkingDays: 5,
    });
  });

  it("gives a demand its deadlines at intake: the hotline's by default, a category's own days", () => {
    expect(demandSettingsOf(DEFAULT_SETTINGS, 'other')).toEqual({
      acceptWithin: { hours: 24 },
      resolveWithin: { workingDays: 7 },
      confirmWithin: { workingDays: 3 },
    });
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      demandAcceptHours: 0.5,
      demandResolveWorkingDays: 10,
      demandResolveWorkingDaysByCategory: { 'public-facilities': 5 },
      demandConfirmWorkingDays: 2,
    });
    expect(demandSettingsOf(next, 'public-facilities')).toEqual({
      acceptWithin: { hours: 0.5 },
      resolveWithin: { workingDays: 5 },
      confirmWithin: { workingDays: 2 },
    });
    expect(demandSettingsOf(next, 'parking').resolveWithin).toEqual({ workingDays: 10 });
  });

  it.each([
    ['demandAcceptHours', 0],
    ['demandAcceptHours', '24'],
    ['demandResolveWorkingDays', 0],
    ['demandResolveWorkingDays', 2.5],
    ['demandConfirmWorkingDays', 367],
    ['demandResolveWorkingDaysByCategory', { 'no-such-category': 3 }],
    ['demandResolveWorkingDaysByCategory', { 'public-facilities': 0 }],
    ['demandResolveWorkingDaysByCategory', [5]],
  ])('refuses %s = %j with a Chinese message', (field, value) => {
    let error: unknown;
    try {
      applySettingsPatch(DEFAULT_SETTINGS, { [field]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).details.fields as {
      field: string;
      problems: string[];
    }[];
    expect(fields.map((f) => f.field)).toEqual([field]);
    expect(fields[0]!.problems[0]).toMatch(/\p{Script=Han}/u);
  });

  it('takes the hours before a vote closes at which non-voters are reminded, largest first', () => {
    expect(
      applySettingsPatch(DEFAULT_SETTINGS, { voteReminderHoursBeforeClose: [2, 48, 0.5] })
        .voteReminderHoursBeforeClose,
    ).toEqual([48, 2, 0.5]);
    expect(
      applySettingsPatch(DEFAULT_SETTINGS, { voteReminderHoursBeforeClose: [] })
        .voteReminderHoursBeforeClose,
    ).toEqual([]);
    for (const bad of [
      24,
      [0],
      [-1],
      [24, 24],
      ['24'],
      [1e9],
      Array.from({ length: 11 }, (_, i) => i + 1),
    ])
      expect(() =>
        applySettingsPatch(DEFAULT_SETTINGS, { voteReminderHoursBeforeClose: bad }),
      ).toThrow(ValidationError);
  });

  it('takes working-day deadlines, and null to go back to hours', () => {
    const days = applySettingsPatch(DEFAULT_SETTINGS, {
      acknowledgementWorkingDays: 3,
      reminderBeforeWorkingDays: 1,
      taskDueWorkingDays: 5,
      taskReminderBeforeHours: 8,
    });
    expect(days).toMatchObject({
      acknowledgementWorkingDays: 3,
      reminderBeforeWorkingDays: 1,
      taskDueWorkingDays: 5,
      taskReminderBeforeHours: 8,
    });
    expect(
      applySettingsPatch(days, {
        acknowledgementWorkingDays: null,
        reminderBeforeWorkingDays: null,
      }),
    ).toMatchObject({ acknowledgementWorkingDays: null, reminderBeforeWorkingDays: null });
  });

  it('takes an objection period and the disclosure of ballots', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      objectionWorkingDays: 5,
      objectionHours: 0.5,
      ballotDisclosure: 'open',
    });
    expect(next).toMatchObject({
      objectionWorkingDays: 5,
      objectionHours: 0.5,
      ballotDisclosure: 'open',
    });
    expect(applySettingsPatch(next, { objectionHours: null }).objectionHours).toBeNull();
  });

  it.each([
    [{ acknowledgementWorkingDays: 1.5 }, 'acknowledgementWorkingDays'],
    [{ acknowledgementWorkingDays: 0 }, 'acknowledgementWorkingDays'],
    [{ taskDueWorkingDays: null }, 'taskDueWorkingDays'],
    [{ reminderBeforeWorkingDays: 1 }, 'reminderBeforeWorkingDays'],
    [{ acknowledgementWorkingDays: 2, reminderBeforeWorkingDays: 2 }, 'reminderBeforeWorkingDays'],
    [{ taskReminderBeforeHours: -1 }, 'taskReminderBeforeHours'],
    [{ objectionWorkingDays: -1 }, 'objectionWorkingDays'],
    [{ objectionWorkingDays: null }, 'objectionWorkingDays'],
    [{ objectionHours: -2 }, 'objectionHours'],
    [{ ballotDisclosure: 'names' }, 'ballotDisclosure'],
  ])('refuses working-day settings %p', (patch, field) => {
    let error: unknown;
    try {
      applySettingsPatch(DEFAULT_SETTINGS, patch);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((error as ValidationError).details)).toContain(field);
  });

  it.each([
    [0.75, '3/4'],
    ['0.75', '3/4'],
    ['2/3', '2/3'],
    ['4/6', '2/3'],
    [2 / 3, '2/3'],
    [1, '1/1'],
    [0.6667, '6667/10000'],
  ])('reads the threshold %p as %s', (input, text) => {
    const f = parseFraction(input);
    expect(f === undefined ? undefined : `${f.numerator}/${f.denominator}`).toBe(text);
  });

  it.each([0, -0.5, 1.5, '3/2', '0/3', '1/0', 'two thirds', 0.123456789, null, true])(
    'refuses the threshold %p',
    (input) => expect(parseFraction(input)).toBeUndefined(),
  );

  it.each([
    [0.3, '3/10'],
    ['0.3', '3/10'],
    ['3/10', '3/10'],
    [0, '0/1'],
    ['0', '0/1'],
    ['0/5', '0/1'],
    [1, '1/1'],
  ])('reads the minimum evaluation response %p as %s (0 allowed: no minimum)', (input, text) => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { minEvaluationResponse: input });
    expect(settingsView(next).minEvaluationResponseFraction).toBe(text);
  });

  it.each([-0.1, 1.1, '4/3', '1/0', 'a third', null, true])(
    'refuses the minimum evaluation response %p, naming it',
    (input) => {
      let error: unknown;
      try {
        applySettingsPatch(DEFAULT_SETTINGS, { minEvaluationResponse: input });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.fields).toEqual([
        {
          field: 'minEvaluationResponse',
          problems: ['最低参评比例须为 0 到 1 之间的比例，例如 0.3 或 "3/10"；0 表示不设最低'],
        },
      ]);
    },
  );

  it('applies a patch; 0 and fractional hours are allowed', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, {
      acknowledgementHours: 0.5,
      reminderBeforeHours: 0,
      satisfactionThreshold: '3/4',
    });
    expect(next).toMatchObject({ acknowledgementHours: 0.5, reminderBeforeHours: 0 });
    expect(next.satisfactionThreshold).toEqual({ numerator: 3, denominator: 4 });
  });

  it('names every bad field', () => {
    try {
      applySettingsPatch(DEFAULT_SETTINGS, {
        noticePeriodHours: -1,
        evaluationWindowHours: '7',
        satisfactionThreshold: 2,
      });
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const fields = (error as ValidationError).details.fields as { field: string }[];
      expect(fields.map((f) => f.field)).toEqual([
        'noticePeriodHours',
        'evaluationWindowHours',
        'satisfactionThreshold',
      ]);
    }
  });

  it('refuses a reminder earlier than the acknowledgement period', () => {
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { reminderBeforeHours: 49 })).toThrow(
      ValidationError,
    );
  });
});
