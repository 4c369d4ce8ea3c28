import { ValidationError } from '../errors';
import {
  buildElectorate,
  type Electorate,
  type ElectorateUnitInput,
  type UnitOwner,
} from './electorate';
import { tally, type Ballot, type Choice, type Matter } from './tally';

const person = (ownerId: string): UnitOwner => ({ ownerId, kind: 'person' });
const developer = (ownerId: string): UnitOwner => ({ ownerId, kind: 'developer' });
const unit = (
  unitId: string,
  areaHundredths: number,
  ...owners: UnitOwner[]
): ElectorateUnitInput => ({ unitId, areaHundredths, owners });

/** `n` units of `area` hundredths, each with its own owner: u0…u(n-1), owners p0…p(n-1). */
function estate(n: number, area = 10000) {
  return buildElectorate(Array.from({ length: n }, (_, i) => unit(`u${i}`, area, person(`p${i}`))));
}

/** Ballots for u0, u1, … in order: e.g. votes('for', 3, 'against', 1). */
function votes(...spec: (Choice | number)[]): Ballot[] {
  const ballots: Ballot[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    const choice = spec[i] as Choice;
    const count = spec[i + 1] as number;
    for (let j = 0; j < count; j += 1) ballots.push({ unitId: `u${ballots.length}`, choice });
  }
  return ballots;
}

const b = (unitId: string, choice: Choice): Ballot => ({ unitId, choice });

type Snapshot = Electorate;

function civil(matter: Matter, electorate: Snapshot, ballots: Ballot[]) {
  const result = tally('civil-code-278', matter, electorate, ballots);
  if (result.rule !== 'civil-code-278') throw new Error('unexpected rule');
  return result;
}

function validationFields(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).details['fields'] as { field: string }[];
    return fields.map((f) => f.field);
  }
  throw new Error('expected a ValidationError');
}

describe('tally, civil-code-278: participation (2/3 of area AND of headcount, inclusive)', () => {
  it('holds at exactly two thirds', () => {
    const t = civil('ordinary', estate(9), votes('for', 6));
    expect(t.thresholds.participationArea).toEqual({
      name: 'participationArea',
      measure: 'area',
      comparison: 'at-least',
      required: '2/3',
      actual: { numerator: 60000, denominator: 90000, percent: '66.67' },
      held: true,
    });
    expect(t.thresholds.participationOwners.held).toBe(true);
    expect(t.passed).toBe(true);
  });

  it('fails with one unit less, however unanimous', () => {
    const t = civil('ordinary', estate(9), votes('for', 5));
    expect(t.thresholds.participationArea.held).toBe(false);
    expect(t.thresholds.participationOwners.held).toBe(false);
    expect(t.thresholds.approvalArea.held).toBe(true);
    expect(t.thresholds.approvalOwners.held).toBe(true);
    expect(t.passed).toBe(false);
  });

  it('needs the headcount as well as the area', () => {
    // 600 m² in all; the big flat and one small one make exactly 2/3 of the area, 2 of 4 owners.
    const e = buildElectorate([
      unit('big', 30000, person('a')),
      unit('s1', 10000, person('b')),
      unit('s2', 10000, person('c')),
      unit('s3', 10000, person('d')),
    ]);
    const t = civil('ordinary', e, [b('big', 'for'), b('s1', 'for')]);
    expect(t.thresholds.participationArea.held).toBe(true);
    expect(t.thresholds.participationOwners).toMatchObject({
      actual: { numerator: 2, denominator: 4 },
      held: false,
    });
    expect(t.passed).toBe(false);
  });

  it('needs the area as well as the headcount', () => {
    const e = buildElectorate([
      unit('big', 40000, person('a')),
      unit('s1', 10000, person('b')),
      unit('s2', 10000, person('c')),
    ]);
    const t = civil('ordinary', e, [b('s1', 'for'), b('s2', 'for')]);
    expect(t.thresholds.participationOwners.held).toBe(true);
    expect(t.thresholds.participationArea).toMatchObject({
      actual: { numerator: 20000, denominator: 60000 },
      held: false,
    });
    expect(t.passed).toBe(false);
  });

  it('is missed by 0.01 m²', () => {
    // Total 300.01 m²; 200.00 m² take part: 2/3 of 300.01 is 200.0066…
    const e = buildElectorate([
      unit('a', 10000, person('a')),
      unit('b', 10000, person('b')),
      unit('c', 10001, person('c')),
    ]);
    const t = civil('ordinary', e, [b('a', 'for'), b('b', 'for')]);
    expect(t.thresholds.participationArea.held).toBe(false);
    expect(t.thresholds.participationArea.actual.percent).toBe('66.66');
    const t2 = civil('ordinary', e, [b('a', 'for'), b('c', 'for')]);
    expect(t2.thresholds.participationArea.held).toBe(true);
  });

  it('counts abstentions and votes against as taking part', () => {
    const t = civil('ordinary', estate(9), votes('for', 4, 'against', 1, 'abstain', 1));
    expect(t.participated).toEqual({ units: 6, owners: 6, area: 600, areaHundredths: 60000 });
    expect(t.thresholds.participationArea.held).toBe(true);
    expect(t.thresholds.participationOwners.held).toBe(true);
    expect(t.passed).toBe(true);
  });

  it('fails when nobody votes, and says so without NaN', () => {
    const t = civil('major', estate(3), []);
    expect(t.participated).toEqual({ units: 0, owners: 0, area: 0, areaHundredths: 0 });
    expect(t.thresholds.approvalArea.actual).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
    });
    expect(t.thresholds.approvalArea.held).toBe(false);
    expect(t.thresholds.approvalOwners.held).toBe(false);
    expect(t.passed).toBe(false);
    expect(t.explanation.zh).toContain(
      '同意的专有部分面积 0.00㎡，参与表决面积为 0.00㎡，无从计算比例（未通过）；同意的业主人数 0 人，参与表决人数为 0 人，无从计算比例（未通过）',
    );
    expect(t.explanation.en).toContain(
      'Owners in favour: 0 of 0 participating: nothing to measure against (failed)',
    );
    expect(t.explanation.zh).not.toMatch(/NaN|null|undefined/);
    expect(t.explanation.en).not.toMatch(/NaN|null|undefined/);
  });
});

describe('tally, civil-code-278: ordinary matters (more than half, strict)', () => {
  it('fails at exactly half of the area and of the owners', () => {
    const t = civil('ordinary', estate(4), votes('for', 2, 'against', 2));
    expect(t.thresholds.approvalArea).toMatchObject({
      comparison: 'more-than',
      required: '1/2',
      actual: { numerator: 20000, denominator: 40000, percent: '50.00' },
      held: false,
    });
    expect(t.thresholds.approvalOwners.held).toBe(false);
    expect(t.passed).toBe(false);
  });

  it('passes just over half', () => {
    const t = civil('ordinary', estate(5), votes('for', 3, 'against', 2));
    expect(t.passed).toBe(true);
  });

  it('passes by 0.01 m² over half of the area', () => {
    const e = buildElectorate([unit('a', 10001, person('a')), unit('b', 10000, person('b'))]);
    const t = civil('ordinary', e, [b('a', 'for'), b('b', 'against')]);
    expect(t.thresholds.approvalArea.held).toBe(true);
    // …but one owner of two is exactly half the headcount.
    expect(t.thresholds.approvalOwners.held).toBe(false);
    expect(t.passed).toBe(false);
  });

  it('needs the headcount as well as the area', () => {
    const e = buildElectorate([unit('big', 30000, person('a')), unit('s', 10000, person('b'))]);
    const t = civil('ordinary', e, [b('big', 'for'), b('s', 'against')]);
    expect(t.thresholds.approvalArea.held).toBe(true);
    expect(t.thresholds.approvalOwners.held).toBe(false);
    expect(t.passed).toBe(false);
  });

  it('counts an abstention in the denominator, so it weighs like a vote against', () => {
    const t = civil('ordinary', estate(10), votes('for', 5, 'against', 4, 'abstain', 1));
    expect(t.thresholds.approvalOwners.actual).toMatchObject({ numerator: 5, denominator: 10 });
    expect(t.passed).toBe(false);
  });
});

describe('tally, civil-code-278: major matters (at least three quarters, inclusive)', () => {
  it('passes at exactly three quarters', () => {
    const t = civil('major', estate(4), votes('for', 3, 'against', 1));
    expect(t.thresholds.approvalArea).toMatchObject({
      comparison: 'at-least',
      required: '3/4',
      actual: { numerator: 30000, denominator: 40000, percent: '75.00' },
      held: true,
    });
    expect(t.thresholds.approvalOwners.held).toBe(true);
    expect(t.passed).toBe(true);
  });

  it('fails just below three quarters of the headcount', () => {
    const t = civil('major', estate(100), votes('for', 74, 'against', 26));
    expect(t.thresholds.approvalOwners.held).toBe(false);
    expect(civil('major', estate(100), votes('for', 75, 'against', 25)).passed).toBe(true);
  });

  it('fails 0.01 m² below three quarters of the area', () => {
    const e = buildElectorate([
      unit('a', 10000, person('a')),
      unit('b', 10000, person('b')),
      unit('c', 10000, person('c')),
      unit('d', 10001, person('d')),
    ]);
    const ballots = [b('a', 'for'), b('b', 'for'), b('c', 'for'), b('d', 'against')];
    const t = civil('major', e, ballots);
    expect(t.thresholds.approvalOwners.held).toBe(true);
    expect(t.thresholds.approvalArea.held).toBe(false);
    expect(t.thresholds.approvalArea.actual.percent).toBe('74.998');
    expect(t.passed).toBe(false);
    // The same ballots pass an ordinary matter.
    expect(civil('ordinary', e, ballots).passed).toBe(true);
  });
});

describe('tally: headcount per owner', () => {
  it('counts a person with three units once', () => {
    const e = buildElectorate([
      unit('z1', 10000, person('zhang')),
      unit('z2', 10000, person('zhang')),
      unit('z3', 10000, person('zhang')),
      unit('l', 10000, person('li')),
      unit('w', 10000, person('wang')),
      unit('q', 10000, person('zhao')),
    ]);
    expect(e.totals.owners).toBe(4);
    // 4 of 6 units is 2/3 of the area, but zhang and li are 2 of 4 owners.
    const t = civil('ordinary', e, [b('z1', 'for'), b('z2', 'for'), b('z3', 'for'), b('l', 'for')]);
    expect(t.participated).toEqual({ units: 4, owners: 2, area: 400, areaHundredths: 40000 });
    expect(t.for).toEqual({ units: 4, owners: 2, area: 400, areaHundredths: 40000 });
    expect(t.thresholds.participationArea.held).toBe(true);
    expect(t.thresholds.participationOwners.held).toBe(false);
    expect(t.passed).toBe(false);
  });

  it("counts the developer's unsold units as one owner", () => {
    const e = buildElectorate([
      ...Array.from({ length: 5 }, (_, i) => unit(`d${i}`, 10000, developer('dev'))),
      unit('a', 10000, person('a')),
      unit('c', 10000, person('c')),
    ]);
    expect(e.totals.owners).toBe(3);
    const ballots = [...Array.from({ length: 5 }, (_, i) => b(`d${i}`, 'for')), b('a', 'against')];
    const t = civil('ordinary', e, ballots);
    expect(t.for).toMatchObject({ units: 5, owners: 1, areaHundredths: 50000 });
    expect(t.against).toMatchObject({ units: 1, owners: 1, areaHundredths: 10000 });
    // Area: 5/6 for. Headcount: the developer and one owner, one each way: not more than half.
    expect(t.thresholds.approvalArea.held).toBe(true);
    expect(t.thresholds.approvalOwners.actual).toMatchObject({ numerator: 1, denominator: 2 });
    expect(t.passed).toBe(false);
  });

  it('counts the co-owners of a unit as one owner with one ballot', () => {
    const e = buildElectorate([
      unit('a', 10000, person('wang'), person('zhao')),
      unit('b', 10000, person('li')),
      unit('c', 10000, person('sun')),
    ]);
    const t = civil('ordinary', e, [b('a', 'for'), b('b', 'for')]);
    expect(t.electorate).toEqual({ units: 3, owners: 3, area: 300, areaHundredths: 30000 });
    expect(t.participated.owners).toBe(2);
    expect(t.passed).toBe(true);
  });

  describe('an owner whose units vote differently', () => {
    const e = buildElectorate([
      unit('m1', 15000, person('ma')),
      unit('m2', 10000, person('ma')),
      unit('m3', 10000, person('ma')),
      unit('x', 10000, person('x')),
    ]);

    it('counts under the choice with the most of their area', () => {
      const t = civil('ordinary', e, [b('m1', 'for'), b('m2', 'against')]);
      expect(t.for).toEqual({ units: 1, owners: 1, area: 150, areaHundredths: 15000 });
      expect(t.against).toEqual({ units: 1, owners: 0, area: 100, areaHundredths: 10000 });
      expect(t.participated.owners).toBe(1);
    });

    it('counts as abstaining when two choices tie', () => {
      const t = civil('ordinary', e, [b('m2', 'for'), b('m3', 'against')]);
      expect(t.for.owners).toBe(0);
      expect(t.against.owners).toBe(0);
      expect(t.abstain).toEqual({ units: 0, owners: 1, area: 0, areaHundredths: 0 });
      expect(t.participated).toMatchObject({ units: 2, owners: 1, areaHundredths: 20000 });
    });

    it('lets an abstention with the most area carry the owner', () => {
      const t = civil('ordinary', e, [b('m1', 'abstain'), b('m2', 'for')]);
      expect(t.abstain.owners).toBe(1);
      expect(t.for).toMatchObject({ owners: 0, areaHundredths: 10000 });
    });

    it('counts the owner as taking part with only the area of the units that voted', () => {
      const t = civil('ordinary', e, [b('m2', 'for')]);
      expect(t.participated).toEqual({ units: 1, owners: 1, area: 100, areaHundredths: 10000 });
      expect(t.for.owners).toBe(1);
    });

    it('keeps owners summing to the participating headcount', () => {
      const t = civil('ordinary', e, [b('m1', 'for'), b('m2', 'against'), b('x', 'against')]);
      expect(t.for.owners + t.against.owners + t.abstain.owners).toBe(t.participated.owners);
      expect(t.participated.owners).toBe(2);
    });
  });
});

describe('tally, simple-majority (for > against among ballots, per unit)', () => {
  const simple = (electorate: Snapshot, ballots: Ballot[], matter: Matter = 'ordinary') => {
    const t = tally('simple-majority', matter, electorate, ballots);
    if (t.rule !== 'simple-majority') throw new Error('unexpected rule');
    return t;
  };

  it('passes with more for than against, abstentions aside', () => {
    const t = simple(estate(20), votes('for', 3, 'against', 2, 'abstain', 10));
    expect(t.thresholds.forOverAgainst).toEqual({
      name: 'forOverAgainst',
      measure: 'ballots',
      comparison: 'more-than',
      required: '1/2',
      actual: { numerator: 3, denominator: 5, percent: '60.00' },
      held: true,
    });
    expect(t.passed).toBe(true);
  });

  it('fails on a tie, and with no ballots', () => {
    expect(simple(estate(4), votes('for', 2, 'against', 2)).passed).toBe(false);
    expect(simple(estate(4), []).passed).toBe(false);
    expect(simple(estate(4), votes('abstain', 4)).passed).toBe(false);
  });

  it('has no quorum', () => {
    expect(simple(estate(1000), votes('for', 1)).passed).toBe(true);
  });

  it('counts ballots (units), not owners or area', () => {
    const e = buildElectorate([
      unit('z1', 100, person('zhang')),
      unit('z2', 100, person('zhang')),
      unit('z3', 100, person('zhang')),
      unit('a', 90000, person('a')),
      unit('c', 90000, person('c')),
    ]);
    const t = simple(e, [
      b('z1', 'for'),
      b('z2', 'for'),
      b('z3', 'for'),
      b('a', 'against'),
      b('c', 'against'),
    ]);
    expect(t.for).toMatchObject({ units: 3, owners: 1 });
    expect(t.against).toMatchObject({ units: 2, owners: 2 });
    expect(t.passed).toBe(true);
  });

  it('records the matter but applies the same rule', () => {
    const t = simple(estate(5), votes('for', 3, 'against', 2), 'major');
    expect(t.matter).toBe('major');
    expect(t.passed).toBe(true);
  });
});

describe('tally: the response', () => {
  const e = buildElectorate([
    unit('101', 300000, person('a')),
    unit('102', 300000, person('b')),
    unit('103', 300000, person('c')),
  ]);

  it('has the shape of GET /resolutions/:id/tally, with exact hundredths beside m²', () => {
    const t = tally('civil-code-278', 'ordinary', e, [b('101', 'for'), b('102', 'against')]);
    expect(t).toEqual({
      rule: 'civil-code-278',
      matter: 'ordinary',
      electorate: { units: 3, owners: 3, area: 9000, areaHundredths: 900000 },
      participated: { units: 2, owners: 2, area: 6000, areaHundredths: 600000 },
      for: { units: 1, owners: 1, area: 3000, areaHundredths: 300000 },
      against: { units: 1, owners: 1, area: 3000, areaHundredths: 300000 },
      abstain: { units: 0, owners: 0, area: 0, areaHundredths: 0 },
      thresholds: {
        participationArea: {
          name: 'participationArea',
          measure: 'area',
          comparison: 'at-least',
          required: '2/3',
          actual: { numerator: 600000, denominator: 900000, percent: '66.67' },
          held: true,
        },
        participationOwners: {
          name: 'participationOwners',
          measure: 'owners',
          comparison: 'at-least',
          required: '2/3',
          actual: { numerator: 2, denominator: 3, percent: '66.67' },
          held: true,
        },
        approvalArea: {
          name: 'approvalArea',
          measure: 'area',
          comparison: 'more-than',
          required: '1/2',
          actual: { numerator: 300000, denominator: 600000, percent: '50.00' },
          held: false,
        },
        approvalOwners: {
          name: 'approvalOwners',
          measure: 'owners',
          comparison: 'more-than',
          required: '1/2',
          actual: { numerator: 1, denominator: 2, percent: '50.00' },
          held: false,
        },
      },
      passed: false,
      explanation: {
        zh:
          '参与表决的专有部分面积 6,000.00㎡，占总面积 9,000.00㎡ 的 66.67%，达到三分之二（通过）；' +
          '参与表决的业主人数 2 人，占业主总人数 3 人的 66.67%，达到三分之二（通过）；' +
          '同意的专有部分面积 3,000.00㎡，占参与表决面积 6,000.00㎡ 的 50.00%，未超过半数（未通过）；' +
          '同意的业主人数 1 人，占参与表决人数 2 人的 50.00%，未超过半数（未通过）。' +
          '结论：按《民法典》第二百七十八条（一般事项），决议未通过。',
        en:
          'Participating area: 6,000.00 m² of 9,000.00 m² in total, 66.67%: at least two thirds (held). ' +
          'Participating owners: 2 of 3 in total, 66.67%: at least two thirds (held). ' +
          'Area in favour: 3,000.00 m² of 6,000.00 m² participating, 50.00%: not more than half (failed). ' +
          'Owners in favour: 1 of 2 participating, 50.00%: not more than half (failed). ' +
          'Result: failed under Civil Code Article 278 (ordinary matter).',
      },
    });
  });

  it('explains a major matter and a failed participation', () => {
    const t = tally('civil-code-278', 'major', e, [b('101', 'for')]);
    expect(t.explanation.zh).toContain(
      '参与表决的专有部分面积 3,000.00㎡，占总面积 9,000.00㎡ 的 33.33%，未达到三分之二（未通过）',
    );
    expect(t.explanation.zh).toContain('达到四分之三（通过）');
    expect(t.explanation.zh).toContain('（重大事项），决议未通过。');
    expect(t.explanation.en).toContain('less than two thirds (failed)');
    expect(t.explanation.en).toContain('at least three quarters (held)');
    expect(t.explanation.en).toContain(
      'Result: failed under Civil Code Article 278 (major matter).',
    );
  });

  it('explains a simple majority', () => {
    const t = tally('simple-majority', 'ordinary', e, [
      b('101', 'for'),
      b('102', 'for'),
      b('103', 'abstain'),
    ]);
    expect(t.explanation).toEqual({
      zh: '同意 2 票，反对 0 票（弃权 1 票不计），同意多于反对（通过）。结论：按简单多数规则，决议通过。',
      en: 'Ballots: 2 for, 0 against, 1 abstaining (not counted): more for than against (held). Result: passed by simple majority of ballots cast.',
    });
  });

  it('gives areas in m² with at most two decimals', () => {
    const odd = buildElectorate([unit('a', 8950, person('a')), unit('b', 14001, person('b'))]);
    const t = tally('civil-code-278', 'ordinary', odd, [b('a', 'for'), b('b', 'for')]);
    expect(t.for.area).toBe(229.51);
    expect(JSON.stringify(t.electorate)).toBe(
      '{"units":2,"owners":2,"area":229.51,"areaHundredths":22951}',
    );
  });

  it('is plain JSON, and a snapshot that went through JSON tallies the same', () => {
    const ballots = [b('101', 'for'), b('103', 'for')];
    const t = tally('civil-code-278', 'major', e, ballots);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
    const stored = JSON.parse(JSON.stringify(e)) as typeof e;
    expect(tally('civil-code-278', 'major', stored, ballots)).toEqual(t);
  });
});

describe('tally: validation', () => {
  const e = estate(3);

  it('refuses a ballot for a unit outside the electorate', () => {
    expect(
      validationFields(() => tally('civil-code-278', 'ordinary', e, [b('elsewhere', 'for')])),
    ).toEqual(['ballots[0].unitId']);
  });

  it('refuses two ballots for one unit', () => {
    expect(
      validationFields(() =>
        tally('civil-code-278', 'ordinary', e, [b('u1', 'for'), b('u1', 'against')]),
      ),
    ).toEqual(['ballots[1].unitId']);
  });

  it('refuses an unknown choice, rule or matter', () => {
    expect(
      validationFields(() => tally('civil-code-278', 'ordinary', e, [b('u0', 'yes' as Choice)])),
    ).toEqual(['ballots[0].choice']);
    expect(
      validationFields(() => tally('unanimity' as 'simple-majority', 'minor' as Matter, e, [])),
    ).toEqual(['rule', 'matter']);
  });

  it('refuses a snapshot whose totals do not match its units', () => {
    const tampered = { ...e, totals: { ...e.totals, owners: e.totals.owners - 1 } };
    expect(validationFields(() => tally('civil-code-278', 'ordinary', tampered, []))).toEqual([
      'electorate.totals',
    ]);
  });

  it('refuses a snapshot with a repeated unit or a bad area', () => {
    const [first] = e.units;
    if (first === undefined) throw new Error('no unit');
    const repeated = { ...e, units: [...e.units, first] };
    expect(validationFields(() => tally('civil-code-278', 'ordinary', repeated, []))).toEqual([
      'electorate.units[3].unitId',
    ]);
    const bad = { ...e, units: [{ ...first, areaHundredths: 1.5 }, ...e.units.slice(1)] };
    expect(validationFields(() => tally('civil-code-278', 'ordinary', bad, []))).toEqual([
      'electorate.units[0].areaHundredths',
    ]);
  });
});

describe('tally: big numbers', () => {
  const tenThousand = estate(10000, 14000); // 10,000 units of 140 m²

  it('decides 10,000 units of 140 m² at the exact two-thirds boundary', () => {
    // Two thirds of 10,000 is 6,666.67: 6,667 units take part, 6,666 do not.
    const enough = civil('ordinary', tenThousand, votes('for', 6667));
    expect(enough.thresholds.participationArea.actual).toEqual({
      numerator: 93338000,
      denominator: 140000000,
      percent: '66.67',
    });
    expect(enough.passed).toBe(true);

    const short = civil('ordinary', tenThousand, votes('for', 6666));
    expect(short.thresholds.participationArea.held).toBe(false);
    expect(short.thresholds.participationArea.actual.percent).toBe('66.66');
    expect(short.thresholds.participationOwners.held).toBe(false);
    expect(short.passed).toBe(false);
    expect(short.explanation.zh).toContain(
      '参与表决的专有部分面积 933,240.00㎡，占总面积 1,400,000.00㎡ 的 66.66%，未达到三分之二（未通过）',
    );
  });

  it('decides 10,000 units at three quarters of a major matter', () => {
    const all = (forCount: number) => votes('for', forCount, 'against', 10000 - forCount);
    expect(civil('major', tenThousand, all(7500)).passed).toBe(true);
    expect(civil('major', tenThousand, all(7499)).passed).toBe(false);
    expect(civil('ordinary', tenThousand, all(5000)).passed).toBe(false);
    expect(civil('ordinary', tenThousand, all(5001)).passed).toBe(true);
  });

  it('is right where summing m² in floating point is wrong (two of three flats of 50.08 m²)', () => {
    const flats = buildElectorate([
      unit('a', 5008, person('a')),
      unit('b', 5008, person('b')),
      unit('c', 5008, person('c')),
    ]);
    // The naive way: areas as m² doubles, compared against total × 2/3.
    const participated = 50.08 + 50.08;
    const total = 50.08 + 50.08 + 50.08;
    expect(participated >= (total * 2) / 3).toBe(false); // wrong: it is exactly two thirds

    const t = civil('ordinary', flats, [b('a', 'for'), b('b', 'for')]);
    expect(t.thresholds.participationArea.held).toBe(true);
    expect(t.passed).toBe(true);
  });

  it('is right where a floating-point ratio is wrong (three of four flats of 50.05 m²)', () => {
    const flats = buildElectorate(['a', 'b', 'c', 'd'].map((id) => unit(id, 5005, person(id))));
    const inFavour = 50.05 + 50.05 + 50.05;
    const participating = inFavour + 50.05;
    expect(inFavour / participating >= 0.75).toBe(false); // wrong: it is exactly three quarters

    const t = civil('major', flats, [
      b('a', 'for'),
      b('b', 'for'),
      b('c', 'for'),
      b('d', 'against'),
    ]);
    expect(t.thresholds.approvalArea.held).toBe(true);
    expect(t.passed).toBe(true);
  });

  it('is right where the products pass 2^53 (areas near the largest safe total)', () => {
    // Total 9,007,199,254,740,991 hundredths; a1 and a2 hold just below two thirds of it.
    const e = buildElectorate([
      unit('a1', 3002399751580330, person('a1')),
      unit('a2', 3002399751580330, person('a2')),
      unit('b', 3002399751580331, person('b')),
    ]);
    expect(e.totals.areaHundredths).toBe(Number.MAX_SAFE_INTEGER);
    const part = 3002399751580330 * 2;
    expect(part / e.totals.areaHundredths >= 2 / 3).toBe(true); // float says "two thirds": wrong

    const t = civil('ordinary', e, [b('a1', 'for'), b('a2', 'for')]);
    expect(t.thresholds.participationOwners.held).toBe(true);
    expect(t.thresholds.participationArea.held).toBe(false);
    expect(t.thresholds.participationArea.actual.percent).not.toBe('66.67');
    expect(t.passed).toBe(false);
    const t2 = civil('ordinary', e, [b('a1', 'for'), b('b', 'for')]);
    expect(t2.thresholds.participationArea.held).toBe(true);
  });
});
