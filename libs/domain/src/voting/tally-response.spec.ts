import { buildElectorate } from './electorate';
import { tally, type Choice, type Matter } from './tally';
import { b, civil, estate, person, unit, validationFields, votes } from './tally.fixtures';

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
