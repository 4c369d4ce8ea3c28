import { addWorkingDays } from '../calendar';
import { ForbiddenError, NotFoundError, ValidationError, WrongStageError } from '../errors';
import { type VotingOpened } from './ballot-box';
import { buildElectorate } from './electorate';
import {
  answerObjection,
  applyCorrections,
  correctionsOf,
  fileObjection,
  finalisationDue,
  foldResult,
  objectionPeriodOf,
  objectionUntil,
  publishedUnits,
  resultPhase,
  type ResultRecord,
} from './objection';
import { countVote } from './decisions';
import { tally, type Ballot, type OwnersRule } from './tally';

const CLOSED_AT = '2026-03-06T08:00:00.000Z'; // a Friday
const UNTIL = addWorkingDays(CLOSED_AT, 3);
const DURING = '2026-03-09T02:00:00.000Z';
const AFTER = '2026-03-20T02:00:00.000Z';

function voting(): VotingOpened['data'] {
  return {
    resolutionId: 'r1',
    caseId: 'c1',
    communityId: 'k1',
    title: '更换主排水管',
    text: '全文',
    rule: 'simple-majority',
    matter: 'ordinary',
    closesAt: CLOSED_AT,
    scope: { estate: '金泰和庄', building: '12号楼', entrance: null },
    electorate: buildElectorate([
      { unitId: 'u101', areaHundredths: 8950, owners: [{ ownerId: 'alice', kind: 'person' }] },
      { unitId: 'u102', areaHundredths: 9000, owners: [{ ownerId: 'bob', kind: 'person' }] },
      { unitId: 'u201', areaHundredths: 7000, owners: [{ ownerId: 'carol', kind: 'person' }] },
    ]),
    openedAt: '2026-03-01T08:00:00.000Z',
  };
}

const ballots: Ballot[] = [
  { unitId: 'u101', choice: 'for' },
  { unitId: 'u102', choice: 'for' },
  { unitId: 'u201', choice: 'against' },
];

function record(extra: { type: string; data: unknown }[] = []): ResultRecord {
  const v = voting();
  return foldResult([
    { type: 'VotingOpened', data: v },
    {
      type: 'VotingClosed',
      data: { resolutionId: 'r1', closedAt: CLOSED_AT, closedBy: 'x', trigger: 'closes-at' },
    },
    {
      type: 'PreliminaryResultPublished',
      data: {
        resolutionId: 'r1',
        tally: tally(v.rule as OwnersRule, v.matter, v.electorate, ballots),
        publishedAt: CLOSED_AT,
        objectionUntil: UNTIL,
        disclosure: 'totals',
      },
    },
    ...extra,
  ]);
}

const filed = (objectionId: string, unitId = 'u101') => ({
  type: 'ObjectionFiled',
  data: fileObjection(
    voting(),
    record(),
    { unitId, content: '我投的是反对票，被记成了赞成' },
    { userId: 'alice' },
    objectionId,
    DURING,
  ),
});

describe('the objection period (询异)', () => {
  it('runs for working days on the Chinese calendar, or clock hours where set, or not at all', () => {
    expect(objectionPeriodOf({ objectionWorkingDays: 0, objectionHours: null })).toEqual({
      none: true,
    });
    expect(objectionPeriodOf({ objectionWorkingDays: 3, objectionHours: null })).toEqual({
      workingDays: 3,
    });
    expect(objectionPeriodOf({ objectionWorkingDays: 3, objectionHours: 2 })).toEqual({ hours: 2 });
    expect(objectionUntil(CLOSED_AT, { none: true })).toBeNull();
    // Friday 16:00 Shanghai + 3 working days: the weekend does not count.
    expect(objectionUntil(CLOSED_AT, { workingDays: 3 })).toBe('2026-03-11T08:00:00.000Z');
    expect(objectionUntil(CLOSED_AT, { hours: 2 })).toBe('2026-03-06T10:00:00.000Z');
  });

  it('takes an objection from an owner of the unit during the period', () => {
    const o = filed('o1').data;
    expect(o).toEqual({
      resolutionId: 'r1',
      objectionId: 'o1',
      unitId: 'u101',
      filedBy: 'alice',
      content: '我投的是反对票，被记成了赞成',
      filedAt: DURING,
    });
    expect(resultPhase(record([filed('o1')]))).toBe('objection');
  });

  it("takes an agent's objection under a written proxy, naming it", () => {
    const o = fileObjection(
      voting(),
      record(),
      { unitId: 'u102', content: '代业主提出异议' },
      { userId: 'agent', proxyId: 'p1' },
      'o2',
      DURING,
    );
    expect(o.proxyId).toBe('p1');
  });

  it('refuses anyone else, another unit, and a unit outside the vote', () => {
    const ask = (userId: string, unitId: string) =>
      fileObjection(voting(), record(), { unitId, content: '有误' }, { userId }, 'o', DURING);
    expect(() => ask('mallory', 'u101')).toThrow(ForbiddenError);
    expect(() => ask('bob', 'u101')).toThrow(ForbiddenError);
    expect(() => ask('alice', 'u999')).toThrow(ForbiddenError);
  });

  it('refuses an objection before the preliminary result, after the period and once final', () => {
    const ask = (r: ResultRecord, now: string) =>
      fileObjection(
        voting(),
        r,
        { unitId: 'u101', content: '有误' },
        { userId: 'alice' },
        'o',
        now,
      );
    expect(() => ask(foldResult([]), DURING)).toThrow(WrongStageError);
    expect(() => ask(record(), UNTIL)).toThrow(WrongStageError);
    expect(() => ask(record(), AFTER)).toThrow(WrongStageError);
    const open = record();
    const preliminary = open.preliminary as NonNullable<ResultRecord['preliminary']>;
    const final: ResultRecord = {
      ...open,
      finalised: {
        resolutionId: 'r1',
        tally: preliminary.tally,
        corrections: [],
        finalisedAt: UNTIL,
        disclosure: 'totals',
        trigger: 'objection-period-over',
      },
    };
    expect(() => ask(final, DURING)).toThrow(WrongStageError);
  });

  it('refuses an empty or overlong objection with the fields named', () => {
    const ask = (content: unknown, unitId: unknown = 'u101') =>
      fileObjection(voting(), record(), { unitId, content }, { userId: 'alice' }, 'o', DURING);
    expect(() => ask('  ')).toThrow(ValidationError);
    expect(() => ask('字'.repeat(2001))).toThrow(ValidationError);
    let error: unknown;
    try {
      ask(undefined, null);
    } catch (e) {
      error = e;
    }
    expect((error as ValidationError).details).toEqual({
      fields: [
        { field: 'unitId', problems: ['required'] },
        { field: 'content', problems: ['required, 1 to 2000 characters'] },
      ],
    });
  });
});

describe("the secretary's answer", () => {
  const answer = (r: ResultRecord, request: Record<string, unknown>, objectionId = 'o1') =>
    answerObjection(
      voting(),
      r,
      objectionId,
      request as never,
      'secretary',
      '2026-03-10T01:00:00.000Z',
    );

  it('records the reason and the correction of an upheld objection', () => {
    const a = answer(record([filed('o1')]), {
      upheld: true,
      reason: '核对纸质选票，确为反对',
      correction: { unitId: 'u101', choice: 'against' },
    });
    expect(a).toEqual({
      resolutionId: 'r1',
      objectionId: 'o1',
      answeredBy: 'secretary',
      upheld: true,
      reason: '核对纸质选票，确为反对',
      correction: { unitId: 'u101', choice: 'against' },
      answeredAt: '2026-03-10T01:00:00.000Z',
    });
  });

  it('voids a ballot with choice null', () => {
    const a = answer(record([filed('o1')]), {
      upheld: true,
      reason: '重复投票',
      correction: { unitId: 'u101', choice: null },
    });
    expect(a.correction).toEqual({ unitId: 'u101', choice: null });
  });

  it('needs a reason, a boolean, and a correction only when upheld, of a unit of the vote', () => {
    const r = record([filed('o1')]);
    expect(() => answer(r, { upheld: false, reason: '' })).toThrow(ValidationError);
    expect(() => answer(r, { upheld: 'yes', reason: '理由' })).toThrow(ValidationError);
    expect(() =>
      answer(r, { upheld: false, reason: '理由', correction: { unitId: 'u101', choice: 'for' } }),
    ).toThrow(ValidationError);
    expect(() =>
      answer(r, { upheld: true, reason: '理由', correction: { unitId: 'u999', choice: 'for' } }),
    ).toThrow(ValidationError);
    expect(() =>
      answer(r, { upheld: true, reason: '理由', correction: { unitId: 'u101', choice: 'maybe' } }),
    ).toThrow(ValidationError);
  });

  it('refuses an unknown objection and a second answer', () => {
    const r = record([filed('o1')]);
    expect(() => answer(r, { upheld: false, reason: '理由' }, 'nope')).toThrow(NotFoundError);
    const once = answer(r, { upheld: false, reason: '选票记录无误' });
    const answered = record([filed('o1'), { type: 'ObjectionAnswered', data: once }]);
    expect(() => answer(answered, { upheld: false, reason: '再答' })).toThrow(WrongStageError);
  });
});

describe('finalisation', () => {
  it('is due at objectionUntil when every objection is answered, not before', () => {
    expect(finalisationDue(record(), DURING)).toBe(false);
    expect(finalisationDue(record(), UNTIL)).toBe(true);
    expect(finalisationDue(foldResult([]), AFTER)).toBe(false);
  });

  it('waits for an unanswered objection past objectionUntil, then is due at the answer', () => {
    const r = record([filed('o1')]);
    expect(finalisationDue(r, AFTER)).toBe(false);
    const a = answerObjection(voting(), r, 'o1', { upheld: false, reason: '无误' }, 's', AFTER);
    expect(
      finalisationDue(record([filed('o1'), { type: 'ObjectionAnswered', data: a }]), AFTER),
    ).toBe(true);
  });

  it('is never due for a cancelled vote', () => {
    const r = record();
    const cancelled = {
      ...r,
      closed: { ...(r.closed as NonNullable<ResultRecord['closed']>), trigger: 'case-closed' },
    } as ResultRecord;
    expect(finalisationDue(cancelled, AFTER)).toBe(false);
    expect(resultPhase(cancelled)).toBe('cancelled');
  });
});

describe('corrections change the tally', () => {
  it('applies upheld corrections in answer order, the later one winning; rejected ones do not', () => {
    const v = voting();
    const answered = (objectionId: string, at: string, upheld: boolean, choice: string | null) => ({
      type: 'ObjectionAnswered',
      data: {
        resolutionId: 'r1',
        objectionId,
        answeredBy: 's',
        upheld,
        reason: '理由',
        correction: upheld ? { unitId: 'u101', choice } : null,
        answeredAt: at,
      },
    });
    const r = record([
      filed('o1'),
      filed('o2'),
      filed('o3'),
      answered('o2', '2026-03-10T02:00:00.000Z', true, 'abstain'),
      answered('o1', '2026-03-10T01:00:00.000Z', true, 'against'),
      answered('o3', '2026-03-10T03:00:00.000Z', false, null),
    ]);
    expect(correctionsOf(r)).toEqual([
      { unitId: 'u101', choice: 'against' },
      { unitId: 'u101', choice: 'abstain' },
    ]);
    const before = tally(v.rule as OwnersRule, v.matter, v.electorate, ballots);
    expect(before.passed).toBe(true);
    const flipped = applyCorrections(ballots, [{ unitId: 'u101', choice: 'against' }]);
    expect(tally(v.rule as OwnersRule, v.matter, v.electorate, flipped).passed).toBe(false);
    const voided = applyCorrections(ballots, [{ unitId: 'u102', choice: null }]);
    expect(voided).toEqual([
      { unitId: 'u101', choice: 'for' },
      { unitId: 'u201', choice: 'against' },
    ]);
    expect(tally(v.rule as OwnersRule, v.matter, v.electorate, voided).participated.units).toBe(2);
  });
});

describe('publication (公示) and privacy', () => {
  const labels = new Map([
    ['u101', { estate: '金泰和庄', building: '12号楼', entrance: '1单元', room: '101' }],
    ['u102', { estate: '金泰和庄', building: '12号楼', entrance: '1单元', room: '102' }],
    ['u201', { estate: '金泰和庄', building: '12号楼', entrance: '1单元', room: '201' }],
  ]);

  it('lists no unit where the community publishes totals only', () => {
    expect(publishedUnits(voting(), ballots, 'totals', labels)).toBeUndefined();
  });

  it('lists room, area and choice of every unit under open voting (实名), and no owner', () => {
    const units = publishedUnits(voting(), ballots.slice(0, 2), 'open', labels);
    expect(units).toEqual([
      {
        estate: '金泰和庄',
        building: '12号楼',
        entrance: '1单元',
        room: '101',
        area: 89.5,
        choice: 'for',
      },
      {
        estate: '金泰和庄',
        building: '12号楼',
        entrance: '1单元',
        room: '102',
        area: 90,
        choice: 'for',
      },
      {
        estate: '金泰和庄',
        building: '12号楼',
        entrance: '1单元',
        room: '201',
        area: 70,
        choice: null,
      },
    ]);
    expect(JSON.stringify(units)).not.toMatch(/alice|bob|carol/);
  });
});

describe('a correction of a choice among plans', () => {
  const plans = { ...voting(), options: [{ title: '甲' }, { title: '乙' }] };
  const answer = (choice: unknown) =>
    answerObjection(
      plans,
      record([filed('o1')]),
      'o1',
      { upheld: true, reason: '核对纸质选票', correction: { unitId: 'u201', choice } },
      'secretary',
      '2026-03-10T01:00:00.000Z',
    );

  it("takes an option's index, and the count carries the option", () => {
    const a = answer(1);
    expect(a.correction).toEqual({ unitId: 'u201', choice: 'for', option: 1 });
    const planBallots: Ballot[] = [
      { unitId: 'u101', choice: 'for', option: 0 },
      { unitId: 'u201', choice: 'for', option: 0 },
    ];
    const corrected = applyCorrections(planBallots, [a.correction!]);
    expect(corrected).toContainEqual({ unitId: 'u201', choice: 'for', option: 1 });
    expect(countVote({ ...plans, rule: 'resident-poll' }, corrected)).toMatchObject({
      tie: [0, 1],
      passed: false,
    });
  });

  it('refuses a yes/no choice or an index out of range', () => {
    for (const choice of ['for', 2]) expect(() => answer(choice)).toThrow(ValidationError);
    expect(answer('abstain').correction).toEqual({ unitId: 'u201', choice: 'abstain' });
  });
});
