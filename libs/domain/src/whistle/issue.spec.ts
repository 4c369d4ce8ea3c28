/* 录入: what WhistleIssued records, each department's track, its source, and what issuing refuses. */
import { decideWhistle } from './decide';
import {
  at,
  CG,
  cst,
  ELSEWHERE,
  issueCommand,
  OFFICE,
  rejection,
  SC,
  SECRETARY,
  STREET_DEPARTMENTS,
  SYSTEM,
  WhistleScenario,
  ZJ,
} from './whistle.fixtures';

const HAN = /\p{Script=Han}/u;
const context = { now: at(0), actorId: SECRETARY, streetDepartmentIds: STREET_DEPARTMENTS };

describe('issuing a whistle (录入)', () => {
  it('records the whistle, its settings and the accept deadline in working hours', () => {
    const s = WhistleScenario.issue();
    expect(s.events).toEqual([
      {
        type: 'WhistleIssued',
        data: {
          whistleId: 'whistle-1',
          communityId: 'community-1',
          streetId: 'street-1',
          subject: '金台路12号楼前违章搭建',
          description: '一楼住户在楼前绿地搭建彩钢板房，居民多次反映，社区劝说无果。',
          departmentIds: [CG],
          source: { demandId: null, caseId: null, escalation: null },
          onSite: true,
          settings: { acceptWithinWorkingHours: 2, resolveWithinWorkingDays: 5, officeHours: null },
          // Monday 09:00 plus two office hours: 11:00 Shanghai.
          acceptDueAt: '2026-12-07T03:00:00.000Z',
          issuedAt: at(0),
          issuedBy: SECRETARY,
        },
      },
    ]);
    expect(s.whistle).toMatchObject({ id: 'whistle-1', status: 'issued', withdrawal: null });
    expect(s.whistle.tracks).toEqual([
      {
        departmentId: CG,
        status: 'issued',
        issuedAt: at(0),
        transferredFrom: null,
        acceptDueAt: '2026-12-07T03:00:00.000Z',
        acceptedAt: null,
        acceptedBy: null,
        acceptedOnTime: null,
        answerDueAt: null,
        round: 1,
        reopenings: 0,
        checkIns: [],
        answers: [],
        ratings: [],
        overdue: [],
        transfer: null,
      },
    ]);
  });

  it('gives each department its own track, in the order named', () => {
    const s = WhistleScenario.issue({ departmentIds: [ZJ, CG, SC] });
    expect(s.whistle.tracks.map((t) => [t.departmentId, t.status])).toEqual([
      [ZJ, 'issued'],
      [CG, 'issued'],
      [SC, 'issued'],
    ]);
  });

  it('keeps where it came from: a demand, a case, or an escalation', () => {
    expect(WhistleScenario.issue({ demandId: 'demand-7' }).whistle.source).toEqual({
      demandId: 'demand-7',
      caseId: null,
      escalation: null,
    });
    expect(WhistleScenario.issue({ caseId: 'case-3' }).whistle.source).toEqual({
      demandId: null,
      caseId: 'case-3',
      escalation: null,
    });
    const escalation = WhistleScenario.issue(
      {
        departmentIds: [OFFICE],
        caseId: 'case-3',
        escalation: { kind: 'party-escalated', sourceEventId: 'event-9' },
      },
      SYSTEM,
    );
    expect(escalation.whistle).toMatchObject({
      issuedBy: SYSTEM,
      source: {
        demandId: null,
        caseId: 'case-3',
        escalation: { kind: 'party-escalated', sourceEventId: 'event-9' },
      },
    });
  });

  it('may say no site visit is needed, and keeps the office hours it was given', () => {
    const officeHours = [{ start: '08:30', end: '17:30' }];
    const s = WhistleScenario.issue({ onSite: false, officeHours });
    expect(s.whistle.onSite).toBe(false);
    expect(s.whistle.settings.officeHours).toEqual(officeHours);
    // 08:30–17:30 without a break: Monday 09:00 plus two hours is 11:00 all the same.
    expect(s.track(CG).acceptDueAt).toBe('2026-12-07T03:00:00.000Z');
    // From 17:00, half an hour that day and an hour and a half from 08:30 the next: Tuesday 10:00.
    const evening = new WhistleScenario().until('2026-12-07T17:00:00');
    evening.run(issueCommand({ officeHours }));
    expect(evening.whistle.onSite).toBe(true);
    expect(evening.track(CG).acceptDueAt).toBe(cst('2026-12-08T10:00:00'));
  });

  it('does nothing when the same whistle is issued again (the platform retrying an escalation)', () => {
    const data = {
      departmentIds: [OFFICE],
      demandId: 'demand-7',
      escalation: { kind: 'demand-escalated' as const, sourceEventId: 'timer-1' },
    };
    const s = WhistleScenario.issue(data, SYSTEM);
    expect(s.wait(1).run(issueCommand(data))).toEqual([]);
  });

  it('refuses another whistle on the same stream', () => {
    const s = WhistleScenario.issue();
    const error = rejection(() => s.run(issueCommand({ caseId: 'case-3' })), 'ALREADY_EXISTS');
    expect(error.message).toBe('吹哨已存在');
    rejection(() => s.run(issueCommand({ whistleId: 'whistle-2' })), 'ALREADY_EXISTS');
  });

  it.each([
    ['no department', { departmentIds: [] }, 'departmentIds', '吹哨须至少派给一个部门'],
    [
      'a department twice',
      { departmentIds: [CG, ZJ, CG] },
      'departmentIds[2]',
      '同一个部门不能重复派',
    ],
    [
      'a department of another street',
      { departmentIds: [CG, ELSEWHERE] },
      'departmentIds[1]',
      '所派部门不属于本街道',
    ],
    ['a blank department', { departmentIds: [' '] }, 'departmentIds[0]', '部门不能为空'],
    ['a blank subject', { subject: '  ' }, 'subject', '吹哨事项不能为空'],
    ['no description', { description: '' }, 'description', '情况说明不能为空'],
    [
      'both a demand and a case',
      { demandId: 'demand-1', caseId: 'case-1' },
      'caseId',
      '一次吹哨只能关联一件诉求或一个议事案件',
    ],
    [
      'a demand’s escalation without the demand',
      { escalation: { kind: 'demand-escalated', sourceEventId: 'timer-1' } },
      'demandId',
      '诉求逾期的吹哨须关联该诉求',
    ],
    [
      'a case’s escalation without the case',
      { demandId: 'demand-1', escalation: { kind: 'follow-up-escalated', sourceEventId: 'e-1' } },
      'caseId',
      '议事案件逾期的吹哨须关联该案件',
    ],
    [
      'an unknown escalation',
      { caseId: 'case-1', escalation: { kind: 'late-lunch', sourceEventId: 'e-1' } },
      'escalation.kind',
      '吹哨来源须为以下之一：party-escalated、follow-up-escalated、demand-escalated',
    ],
    [
      'no accept time',
      { acceptWithinWorkingHours: 0 },
      'acceptWithinWorkingHours',
      '签收时限须为大于 0 的工作小时数（至多 10000）',
    ],
    [
      'too long an accept time',
      { acceptWithinWorkingHours: 10_001 },
      'acceptWithinWorkingHours',
      '签收时限至多 10000 个工作小时',
    ],
    [
      'a fraction of a working day',
      { resolveWithinWorkingDays: 2.5 },
      'resolveWithinWorkingDays',
      '反馈时限须为 1 到 10000 之间的整数个工作日',
    ],
    [
      'no working days',
      { resolveWithinWorkingDays: 0 },
      'resolveWithinWorkingDays',
      '反馈时限须为 1 到 10000 之间的整数个工作日',
    ],
    ['a site visit as a word', { onSite: 'yes' }, 'onSite', '是否需要到场报到须为是或否'],
  ])('refuses %s', (_, extra, field, message) => {
    const error = rejection(
      () => decideWhistle(null, issueCommand(extra as never), context),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe(message);
    expect(error.details).toMatchObject({ field });
  });

  it('refuses office hours the calendar cannot count, in Chinese', () => {
    const error = rejection(
      () =>
        decideWhistle(
          null,
          issueCommand({ officeHours: [{ start: '18:00', end: '09:00' }] }),
          context,
        ),
      'VALIDATION_FAILED',
    );
    expect(error.message).toMatch(HAN);
  });

  it('checks the departments against the street’s, and says so when it cannot', () => {
    const error = rejection(
      () => decideWhistle(null, issueCommand(), { now: at(0), actorId: SECRETARY }),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('吹哨须核对街道的部门');
  });

  it('knows no whistle before it is issued', () => {
    const error = rejection(
      () => decideWhistle(null, { type: 'AcceptWhistle', data: {} }, context),
      'NOT_FOUND',
    );
    expect(error.message).toBe('吹哨不存在');
  });

  it('refuses a command it does not know, and a context without a time', () => {
    const s = WhistleScenario.issue();
    const unknown = rejection(
      () => s.run({ type: 'Whistle', data: {} } as never),
      'VALIDATION_FAILED',
    );
    expect(unknown.message).toBe('无法识别的操作');
    const noTime = rejection(
      () => decideWhistle(null, issueCommand(), { now: 'tomorrow', actorId: SECRETARY }),
      'VALIDATION_FAILED',
    );
    expect(noTime.message).toBe('当前时间须为带时区的时间，例如 2026-12-07T09:00:00+08:00');
  });
});
