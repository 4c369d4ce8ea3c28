import fc from 'fast-check';
import { buildElectorate, type ElectorateUnitInput, type UnitOwner } from './electorate';
import { tally, type Ballot, type Choice, type Matter, type Tally, type OwnersRule } from './tally';

// ---- Arbitraries: small estates with every kind of ownership, small and huge areas. ----

const PEOPLE = ['zhang', 'li', 'wang', 'zhao', 'chen', 'liu'];
const CHOICES: Choice[] = ['for', 'against', 'abstain'];
const RULES: [OwnersRule, Matter][] = [
  ['civil-code-278', 'ordinary'],
  ['civil-code-278', 'major'],
  ['simple-majority', 'ordinary'],
];

const ownersArb: fc.Arbitrary<UnitOwner[]> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('dev-1', 'dev-2')
      .map((ownerId) => [{ ownerId, kind: 'developer' as const }]),
  },
  {
    weight: 4,
    arbitrary: fc
      .uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 })
      .map((ids) => ids.map((ownerId) => ({ ownerId, kind: 'person' as const }))),
  },
);

/** Ordinary flats, and areas big enough that products of two of them leave the doubles. */
const areaArb = fc.oneof(
  fc.integer({ min: 0, max: 30000 }),
  fc.constantFrom(5008, 5005, 10000, 10001),
  fc.integer({ min: 0, max: 2 ** 47 }),
);

const MAX_UNITS = 30; // 30 · 2^47 < 2^53: the total stays a safe integer

const unitsArb: fc.Arbitrary<ElectorateUnitInput[]> = fc
  .array(fc.record({ areaHundredths: areaArb, owners: ownersArb }), {
    minLength: 1,
    maxLength: MAX_UNITS,
  })
  .map((units) => units.map((u, i) => ({ unitId: `u${i}`, ...u })))
  .filter((units) => units.some((u) => u.areaHundredths > 0));

/** Units and one optional ballot per unit. */
const voteArb = unitsArb.chain((units) =>
  fc
    .array(fc.option(fc.constantFrom(...CHOICES), { nil: undefined }), {
      minLength: units.length,
      maxLength: units.length,
    })
    .map((choices) => ({
      units,
      ballots: units.flatMap((u, i): Ballot[] => {
        const choice = choices[i];
        return choice === undefined ? [] : [{ unitId: u.unitId, choice }];
      }),
    })),
);

const ruleArb = fc.constantFrom(...RULES);

function run(rule: [OwnersRule, Matter], units: ElectorateUnitInput[], ballots: Ballot[]): Tally {
  return tally(rule[0], rule[1], buildElectorate(units), ballots);
}

// ---- A reference implementation, written another way: no voter keys, no cross-multiplication. ----

/** Who the court counts as one owner: the developer, or the exact group of buyers. */
function buyerOf(unit: ElectorateUnitInput): string {
  const ids = unit.owners.map((o) => o.ownerId).sort();
  const kind = unit.owners.some((o) => o.kind === 'developer') ? 'D' : 'P';
  return [kind, ...ids].join('\u0000');
}

/** The least whole count that reaches the fraction: "how many votes are needed?" */
function needed(denominator: bigint, fraction: '2/3' | '1/2' | '3/4', strict: boolean): bigint {
  const [p, q] = fraction === '2/3' ? [2n, 3n] : fraction === '1/2' ? [1n, 2n] : [3n, 4n];
  const exact = denominator * p;
  const floor = exact / q;
  if (strict) return floor + 1n; // more than: the next whole number above
  return exact % q === 0n ? floor : floor + 1n; // at least: the ceiling
}

interface Reference {
  participatedArea: bigint;
  participatedOwners: number;
  forArea: bigint;
  forOwners: number;
  againstArea: bigint;
  againstOwners: number;
  abstainArea: bigint;
  abstainOwners: number;
  passed: boolean;
}

function reference(
  [rule, matter]: [OwnersRule, Matter],
  units: ElectorateUnitInput[],
  ballots: Ballot[],
): Reference {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  const totalArea = units.reduce((sum, u) => sum + BigInt(u.areaHundredths), 0n);
  const totalOwners = new Set(units.map(buyerOf)).size;

  const area = { for: 0n, against: 0n, abstain: 0n };
  const perBuyer = new Map<string, { choice: Choice; area: bigint }[]>();
  for (const ballot of ballots) {
    const unit = byId.get(ballot.unitId);
    if (unit === undefined) throw new Error('ballot outside the electorate');
    area[ballot.choice] += BigInt(unit.areaHundredths);
    const list = perBuyer.get(buyerOf(unit)) ?? [];
    list.push({ choice: ballot.choice, area: BigInt(unit.areaHundredths) });
    perBuyer.set(buyerOf(unit), list);
  }
  const heads = { for: 0, against: 0, abstain: 0 };
  for (const list of perBuyer.values()) {
    const sums = CHOICES.map((choice) => ({
      choice,
      cast: list.some((b) => b.choice === choice),
      area: list.filter((b) => b.choice === choice).reduce((s, b) => s + b.area, 0n),
    }))
      .filter((s) => s.cast)
      .sort((x, y) => (x.area === y.area ? 0 : x.area > y.area ? -1 : 1));
    const [top, second] = sums;
    if (top === undefined) throw new Error('a buyer without ballots');
    heads[second !== undefined && second.area === top.area ? 'abstain' : top.choice] += 1;
  }
  const participatedArea = area.for + area.against + area.abstain;
  const participatedOwners = perBuyer.size;

  let passed: boolean;
  if (rule === 'simple-majority') {
    const forBallots = ballots.filter((b) => b.choice === 'for').length;
    const againstBallots = ballots.filter((b) => b.choice === 'against').length;
    passed = forBallots > againstBallots;
  } else {
    const participation =
      participatedArea >= needed(totalArea, '2/3', false) &&
      BigInt(participatedOwners) >= needed(BigInt(totalOwners), '2/3', false);
    const [fraction, strict] =
      matter === 'major' ? (['3/4', false] as const) : (['1/2', true] as const);
    const approval =
      participatedOwners > 0 &&
      participatedArea > 0n &&
      area.for >= needed(participatedArea, fraction, strict) &&
      BigInt(heads.for) >= needed(BigInt(participatedOwners), fraction, strict);
    passed = participation && approval;
  }
  return {
    participatedArea,
    participatedOwners,
    forArea: area.for,
    forOwners: heads.for,
    againstArea: area.against,
    againstOwners: heads.against,
    abstainArea: area.abstain,
    abstainOwners: heads.abstain,
    passed,
  };
}

// ---- Properties ----

const RUNS = { numRuns: 300 };

describe('tally properties', () => {
  it('agrees with a reference implementation written another way', () => {
    fc.assert(
      fc.property(ruleArb, voteArb, (rule, { units, ballots }) => {
        const t = run(rule, units, ballots);
        const r = reference(rule, units, ballots);
        expect({
          participatedArea: BigInt(t.participated.areaHundredths),
          participatedOwners: t.participated.owners,
          forArea: BigInt(t.for.areaHundredths),
          forOwners: t.for.owners,
          againstArea: BigInt(t.against.areaHundredths),
          againstOwners: t.against.owners,
          abstainArea: BigInt(t.abstain.areaHundredths),
          abstainOwners: t.abstain.owners,
          passed: t.passed,
        }).toEqual(r);
      }),
      RUNS,
    );
  });

  it('is the same whatever order the ballots arrive in', () => {
    fc.assert(
      fc.property(
        ruleArb,
        voteArb.chain(({ units, ballots }) =>
          fc
            .shuffledSubarray(ballots, { minLength: ballots.length, maxLength: ballots.length })
            .map((shuffled) => ({ units, ballots, shuffled })),
        ),
        (rule, { units, ballots, shuffled }) => {
          expect(run(rule, units, shuffled)).toEqual(run(rule, units, ballots));
        },
      ),
      RUNS,
    );
  });

  it('is the same whatever order the units and their owners are listed in', () => {
    fc.assert(
      fc.property(
        ruleArb,
        voteArb.chain(({ units, ballots }) =>
          fc
            .shuffledSubarray(units, { minLength: units.length, maxLength: units.length })
            .map((shuffled) => ({
              units,
              ballots,
              shuffled: shuffled.map((u) => ({ ...u, owners: [...u.owners].reverse() })),
            })),
        ),
        (rule, { units, ballots, shuffled }) => {
          expect(run(rule, shuffled, ballots)).toEqual(run(rule, units, ballots));
        },
      ),
      RUNS,
    );
  });

  it('adds up: participated = for + against + abstain, in units, area and owners', () => {
    fc.assert(
      fc.property(ruleArb, voteArb, (rule, { units, ballots }) => {
        const t = run(rule, units, ballots);
        const parts = [t.for, t.against, t.abstain];
        const sum = (pick: (c: (typeof parts)[number]) => number) =>
          parts.reduce((s, c) => s + BigInt(pick(c)), 0n);
        expect(sum((c) => c.areaHundredths)).toBe(BigInt(t.participated.areaHundredths));
        expect(sum((c) => c.units)).toBe(BigInt(t.participated.units));
        expect(sum((c) => c.owners)).toBe(BigInt(t.participated.owners));
        expect(t.participated.units).toBe(ballots.length);
        expect(t.participated.owners).toBeLessThanOrEqual(t.electorate.owners);
        expect(t.participated.areaHundredths).toBeLessThanOrEqual(t.electorate.areaHundredths);
        for (const c of [t.electorate, t.participated, ...parts])
          expect(c.area).toBe(c.areaHundredths / 100);
      }),
      RUNS,
    );
  });

  it('never turns a pass into a fail by adding a "for" ballot', () => {
    fc.assert(
      fc.property(ruleArb, voteArb, fc.nat(), (rule, { units, ballots }, pick) => {
        const voted = new Set(ballots.map((b) => b.unitId));
        const open = units.filter((u) => !voted.has(u.unitId));
        fc.pre(open.length > 0);
        const extra = open[pick % open.length] as ElectorateUnitInput;
        const before = run(rule, units, ballots);
        const after = run(rule, units, [...ballots, { unitId: extra.unitId, choice: 'for' }]);
        if (before.passed) expect(after.passed).toBe(true);
        expect(after.for.owners).toBeGreaterThanOrEqual(before.for.owners);
        expect(after.against.owners).toBeLessThanOrEqual(before.against.owners);
      }),
      RUNS,
    );
  });

  it('never turns a pass into a fail by changing a ballot to "for"', () => {
    fc.assert(
      fc.property(ruleArb, voteArb, fc.nat(), (rule, { units, ballots }, pick) => {
        fc.pre(ballots.length > 0);
        const i = pick % ballots.length;
        const changed = ballots.map((b, j) => (j === i ? { ...b, choice: 'for' as const } : b));
        if (run(rule, units, ballots).passed) expect(run(rule, units, changed).passed).toBe(true);
      }),
      RUNS,
    );
  });

  it('never loses participation by adding a ballot of any kind', () => {
    fc.assert(
      fc.property(voteArb, fc.nat(), fc.constantFrom(...CHOICES), (vote, pick, choice) => {
        const { units, ballots } = vote;
        const voted = new Set(ballots.map((b) => b.unitId));
        const open = units.filter((u) => !voted.has(u.unitId));
        fc.pre(open.length > 0);
        const extra = open[pick % open.length] as ElectorateUnitInput;
        const civil: [OwnersRule, Matter] = ['civil-code-278', 'ordinary'];
        const before = run(civil, units, ballots);
        const after = run(civil, units, [...ballots, { unitId: extra.unitId, choice }]);
        if (before.rule !== 'civil-code-278' || after.rule !== 'civil-code-278') throw new Error();
        if (before.thresholds.participationArea.held)
          expect(after.thresholds.participationArea.held).toBe(true);
        if (before.thresholds.participationOwners.held)
          expect(after.thresholds.participationOwners.held).toBe(true);
      }),
      RUNS,
    );
  });

  it('decides area thresholds the same when every area is scaled (no rounding anywhere)', () => {
    const smallUnits = unitsArb.map((units) =>
      units.map((u) => ({ ...u, areaHundredths: u.areaHundredths % 2 ** 30 })),
    );
    fc.assert(
      fc.property(
        ruleArb,
        smallUnits.filter((units) => units.some((u) => u.areaHundredths > 0)),
        fc.array(fc.constantFrom(...CHOICES), { minLength: MAX_UNITS, maxLength: MAX_UNITS }),
        fc.integer({ min: 2, max: 2 ** 17 }),
        (rule, units, choices, k) => {
          const ballots = units.flatMap((u, i) =>
            i % 3 === 2 ? [] : [{ unitId: u.unitId, choice: choices[i] as Choice }],
          );
          const scaled = units.map((u) => ({ ...u, areaHundredths: u.areaHundredths * k }));
          const a = run(rule, units, ballots);
          const b = run(rule, scaled, ballots);
          expect(b.passed).toBe(a.passed);
          const held = (t: Tally) =>
            Object.values(t.thresholds).map((x: { held: boolean }) => x.held);
          expect(held(b)).toEqual(held(a));
        },
      ),
      RUNS,
    );
  });

  it('is plain JSON', () => {
    fc.assert(
      fc.property(ruleArb, voteArb, (rule, { units, ballots }) => {
        const t = run(rule, units, ballots);
        expect(JSON.parse(JSON.stringify(t))).toEqual(t);
      }),
      RUNS,
    );
  });
});

describe('tally at the exact boundaries, for any size up to 2^53', () => {
  /** Three owners: a1 and a2 vote, holding `part` between them; b holds the rest of `whole`. */
  function threeOwners(part: number, whole: number): ElectorateUnitInput[] {
    const a1 = Math.floor(part / 2);
    return [
      { unitId: 'a1', areaHundredths: a1, owners: [{ ownerId: 'a1', kind: 'person' }] },
      { unitId: 'a2', areaHundredths: part - a1, owners: [{ ownerId: 'a2', kind: 'person' }] },
      { unitId: 'b', areaHundredths: whole - part, owners: [{ ownerId: 'b', kind: 'person' }] },
    ];
  }

  /** A total area, and a participating area within one hundredth of two thirds of it. */
  const nearTwoThirds = fc
    .tuple(
      fc.oneof(
        fc.integer({ min: 3, max: 1_000_000 }),
        fc.integer({ min: 3, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: Number.MAX_SAFE_INTEGER - 1_000_000, max: Number.MAX_SAFE_INTEGER }),
      ),
      fc.integer({ min: -1, max: 1 }),
    )
    .map(([whole, offset]) => ({
      whole,
      part: Number(needed(BigInt(whole), '2/3', false)) + offset,
    }))
    .filter(({ whole, part }) => part >= 0 && part <= whole);

  it('holds participation exactly at two thirds and fails one hundredth below', () => {
    fc.assert(
      fc.property(nearTwoThirds, ({ whole, part }) => {
        const t = run(['civil-code-278', 'ordinary'], threeOwners(part, whole), [
          { unitId: 'a1', choice: 'for' },
          { unitId: 'a2', choice: 'for' },
        ]);
        if (t.rule !== 'civil-code-278') throw new Error('unexpected rule');
        const exact = BigInt(part) * 3n >= BigInt(whole) * 2n;
        expect(t.thresholds.participationArea.held).toBe(exact);
        expect(t.passed).toBe(exact);
        // A failing share never reads as "66.67%", the look of two thirds itself.
        if (!exact) expect(t.thresholds.participationArea.actual.percent).not.toBe('66.67');
      }),
      RUNS,
    );
  });

  it('holds approval at more than half and at three quarters, exactly', () => {
    const approvalCase = fc
      .tuple(
        fc.constantFrom<Matter>('ordinary', 'major'),
        fc.oneof(
          fc.integer({ min: 4, max: 1_000_000 }),
          fc.integer({ min: 4, max: Number.MAX_SAFE_INTEGER }),
        ),
        fc.integer({ min: -1, max: 1 }),
      )
      .map(([matter, whole, offset]) => ({
        matter,
        whole,
        part:
          Number(
            matter === 'major'
              ? needed(BigInt(whole), '3/4', false)
              : needed(BigInt(whole), '1/2', true),
          ) + offset,
      }))
      .filter(({ whole, part }) => part >= 0 && part <= whole);
    fc.assert(
      fc.property(approvalCase, ({ matter, whole, part }) => {
        // Everybody votes: a1 and a2 for, b against (2 of 3 owners: the headcount holds either way).
        const t = run(['civil-code-278', matter], threeOwners(part, whole), [
          { unitId: 'a1', choice: 'for' },
          { unitId: 'a2', choice: 'for' },
          { unitId: 'b', choice: 'against' },
        ]);
        if (t.rule !== 'civil-code-278') throw new Error('unexpected rule');
        const exact =
          matter === 'major'
            ? BigInt(part) * 4n >= BigInt(whole) * 3n
            : BigInt(part) * 2n > BigInt(whole);
        expect(t.thresholds.approvalArea.held).toBe(exact);
      }),
      RUNS,
    );
  });

  it('gets right what floating point gets wrong', () => {
    const cases = fc.sample(nearTwoThirds, { numRuns: 2000, seed: 278 });
    let floatWrong = 0;
    for (const { whole, part } of cases) {
      const exact = BigInt(part) * 3n >= BigInt(whole) * 2n;
      if (part / whole >= 2 / 3 !== exact) floatWrong += 1;
      const t = run(['civil-code-278', 'ordinary'], threeOwners(part, whole), [
        { unitId: 'a1', choice: 'for' },
        { unitId: 'a2', choice: 'for' },
      ]);
      expect(t.passed).toBe(exact);
    }
    // Near 2^53, dividing in doubles misjudges a good share of these boundary cases.
    expect(floatWrong).toBeGreaterThan(0);
  });
});
