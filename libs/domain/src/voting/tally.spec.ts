import { buildElectorate } from './electorate';
import { tally, type Ballot, type Matter } from './tally';
import { b, civil, developer, estate, person, type Snapshot, unit, votes } from './tally.fixtures';

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
