import fc from 'fast-check';
import { buildElectorate, type ElectorateUnit, type ElectorateUnitInput } from './electorate';
import { tally } from './tally';
import { turnout, type Turnout } from './turnout';

const person = (ownerId: string) => [{ ownerId, kind: 'person' as const }];

/** Six flats, 600.00 m²; bob owns two (one owner in the headcount), so five owners. */
function estate(): ElectorateUnit[] {
  return buildElectorate([
    { unitId: 'a101', areaHundredths: 10000, owners: person('alice') },
    { unitId: 'b102', areaHundredths: 9000, owners: person('bob') },
    { unitId: 'b201', areaHundredths: 11000, owners: person('bob') },
    { unitId: 'c202', areaHundredths: 15000, owners: person('carol') },
    { unitId: 'd301', areaHundredths: 8000, owners: person('dave') },
    { unitId: 'e302', areaHundredths: 7000, owners: person('erin') },
  ]).units;
}

describe('turnout', () => {
  it('measures area and headcount against two thirds, exactly', () => {
    const t = turnout(estate(), new Set(['a101', 'd301']));
    expect(t.units).toEqual({ total: 6, voted: 2 });
    // 2/3 of 60000 is 40000; 2/3 of 5 owners is 3.33…, so 4.
    expect(t.area).toEqual({
      participated: 18000,
      electorate: 60000,
      required: 40000,
      gap: 22000,
      reached: false,
    });
    expect(t.owners).toEqual({
      participated: 2,
      electorate: 5,
      required: 4,
      gap: 2,
      reached: false,
    });
    expect(t.reached).toBe(false);
  });

  it('names the fewest owners that close both gaps, largest area first, each owner once', () => {
    const t = turnout(estate(), new Set(['a101', 'd301']));
    // bob's two flats together (200.00 m²) and carol's 150.00 m²: +2 owners, +350.00 m² ≥ 220.00.
    expect(t.closers).toEqual([
      { voterKey: 'person:bob', unitIds: ['b102', 'b201'], areaHundredths: 20000, addsOwner: true },
      { voterKey: 'person:carol', unitIds: ['c202'], areaHundredths: 15000, addsOwner: true },
    ]);
  });

  it('counts an owner whose other flat voted for area only', () => {
    const t = turnout(estate(), new Set(['a101', 'b102', 'c202', 'd301']));
    // Area 430.00 of 600.00 (reached); owners alice, bob, carol, dave: 4 of 5 (reached).
    expect(t.reached).toBe(true);
    expect(t.closers).toEqual([]);
    const short = turnout(estate(), new Set(['a101', 'b102', 'e302']));
    // 260.00 m², 3 owners: one more owner and 140.00 m². Carol (150.00) closes both alone.
    expect(short.closers.map((c) => c.voterKey)).toEqual(['person:carol']);
    const areaOnly = turnout(estate(), new Set(['a101', 'b102', 'd301', 'e302']));
    // 340.00 m² and 4 owners: only 60.00 m² short. Bob's other flat (110.00) or carol's (150.00):
    // carol's is larger, so she comes first and alone closes it.
    expect(areaOnly.owners.gap).toBe(0);
    expect(areaOnly.area.gap).toBe(6000);
    expect(areaOnly.closers).toEqual([
      { voterKey: 'person:carol', unitIds: ['c202'], areaHundredths: 15000, addsOwner: true },
    ]);
  });

  it('restricted to a building, counts a multi-building owner on each board by the flats there', () => {
    const units = estate();
    const building1 = units.filter((u) => ['a101', 'b102', 'c202'].includes(u.unitId));
    const t = turnout(building1, new Set(['b201']));
    // bob's flat b201 is in another building: here bob has not voted.
    expect(t.owners).toMatchObject({ participated: 0, electorate: 3, required: 2, gap: 2 });
    expect(t.area).toMatchObject({ participated: 0, electorate: 34000, required: 22667 });
    expect(t.closers.map((c) => [c.voterKey, c.unitIds])).toEqual([
      ['person:carol', ['c202']],
      ['person:alice', ['a101']],
    ]);
  });

  it('reaches nothing with an empty scope', () => {
    const t = turnout([], new Set());
    expect(t.reached).toBe(false);
    expect(t.area.gap).toBe(0);
    expect(t.closers).toEqual([]);
  });
});

// ---- Properties, against the tally and against every smaller choice of owners. ----

const PEOPLE = ['zhang', 'li', 'wang', 'zhao', 'chen', 'liu', 'sun'];
const ownersArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant([{ ownerId: 'dev', kind: 'developer' as const }]) },
  {
    weight: 5,
    arbitrary: fc
      .uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 2 })
      .map((ids) => ids.map((ownerId) => ({ ownerId, kind: 'person' as const }))),
  },
);
const caseArb = fc
  .array(
    fc.record({
      areaHundredths: fc.oneof(fc.integer({ min: 1, max: 30000 }), fc.constant(10000)),
      owners: ownersArb,
      voted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((rows) => ({
    units: rows.map((r, i): ElectorateUnitInput => ({
      unitId: `u${i}`,
      areaHundredths: r.areaHundredths,
      owners: r.owners,
    })),
    voted: new Set(rows.flatMap((r, i) => (r.voted ? [`u${i}`] : []))),
  }));

function closes(units: readonly ElectorateUnit[], voted: Set<string>, t: Turnout, n: number) {
  // Whether some n closers' worth of candidates close both gaps: brute force over subsets.
  const byKey = new Map<string, { area: number; adds: boolean }>();
  const votedKeys = new Set(units.filter((u) => voted.has(u.unitId)).map((u) => u.voterKey));
  for (const u of units) {
    if (voted.has(u.unitId)) continue;
    const c = byKey.get(u.voterKey) ?? { area: 0, adds: !votedKeys.has(u.voterKey) };
    c.area += u.areaHundredths;
    byKey.set(u.voterKey, c);
  }
  const list = [...byKey.values()];
  const pick = (from: number, left: number, area: number, owners: number): boolean => {
    if (area >= t.area.gap && owners >= t.owners.gap) return true;
    if (left === 0) return false;
    for (let i = from; i < list.length; i++) {
      const c = list[i]!;
      if (pick(i + 1, left - 1, area + c.area, owners + (c.adds ? 1 : 0))) return true;
    }
    return false;
  };
  return pick(0, n, 0, 0);
}

describe('turnout (properties)', () => {
  it('agrees with the tally on participation and on two thirds', () => {
    fc.assert(
      fc.property(caseArb, ({ units, voted }) => {
        const electorate = buildElectorate(units);
        const t = turnout(electorate.units, voted);
        const result = tally(
          'civil-code-278',
          'ordinary',
          electorate,
          [...voted].map((unitId) => ({ unitId, choice: 'abstain' as const })),
        );
        if (result.rule !== 'civil-code-278') throw new Error('rule');
        expect(t.area.participated).toBe(result.participated.areaHundredths);
        expect(t.owners.participated).toBe(result.participated.owners);
        expect(t.owners.electorate).toBe(result.electorate.owners);
        expect(t.area.reached).toBe(result.thresholds.participationArea.held);
        expect(t.owners.reached).toBe(result.thresholds.participationOwners.held);
        expect(t.area.gap === 0).toBe(t.area.reached);
      }),
    );
  });

  it('closers close both gaps once they vote, and no fewer owners could', () => {
    fc.assert(
      fc.property(caseArb, ({ units, voted }) => {
        const electorate = buildElectorate(units).units;
        const t = turnout(electorate, voted);
        const keys = t.closers.map((c) => c.voterKey);
        expect(new Set(keys).size).toBe(keys.length);
        for (const c of t.closers) for (const u of c.unitIds) expect(voted.has(u)).toBe(false);
        const after = turnout(
          electorate,
          new Set([...voted, ...t.closers.flatMap((c) => c.unitIds)]),
        );
        expect(after.reached).toBe(true);
        if (t.closers.length > 0)
          expect(closes(electorate, voted, t, t.closers.length - 1)).toBe(false);
        const areas = t.closers.map((c) => c.areaHundredths);
        expect([...areas].sort((a, b) => b - a)).toEqual(areas);
      }),
    );
  });
});
