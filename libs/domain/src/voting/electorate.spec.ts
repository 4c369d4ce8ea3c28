import { ValidationError } from '../errors';
import {
  buildElectorate,
  voterKeyOf,
  type ElectorateUnitInput,
  type UnitOwner,
} from './electorate';

const person = (ownerId: string): UnitOwner => ({ ownerId, kind: 'person' });
const developer = (ownerId: string): UnitOwner => ({ ownerId, kind: 'developer' });
const unit = (
  unitId: string,
  areaHundredths: number,
  ...owners: UnitOwner[]
): ElectorateUnitInput => ({ unitId, areaHundredths, owners });

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

describe('voterKeyOf', () => {
  it('keys a unit by its sole person owner', () => {
    expect(voterKeyOf([person('p1')])).toBe('person:p1');
  });

  it("keys a developer's unit by the developer", () => {
    expect(voterKeyOf([developer('dev')])).toBe('developer:dev');
  });

  it('keys a co-owned unit by the set of its co-owners, in any order', () => {
    expect(voterKeyOf([person('b'), person('a')])).toBe('co-owners:["a","b"]');
    expect(voterKeyOf([person('a'), person('b')])).toBe(voterKeyOf([person('b'), person('a')]));
  });

  it('cannot be confused by ids that contain separators', () => {
    expect(voterKeyOf([person('a","b'), person('c')])).not.toBe(
      voterKeyOf([person('a'), person('b","c')]),
    );
  });
});

describe('buildElectorate: headcount', () => {
  it('counts one unit as one owner', () => {
    const e = buildElectorate([unit('101', 8950, person('a')), unit('102', 9000, person('b'))]);
    expect(e.totals).toEqual({ units: 2, owners: 2, area: 179.5, areaHundredths: 17950 });
  });

  it('counts a person who owns three units once, their areas added up', () => {
    const e = buildElectorate([
      unit('101', 10000, person('zhang')),
      unit('102', 10000, person('zhang')),
      unit('103', 10000, person('zhang')),
      unit('104', 10000, person('li')),
    ]);
    expect(e.totals).toEqual({ units: 4, owners: 2, area: 400, areaHundredths: 40000 });
    expect(e.units.map((u) => u.voterKey)).toEqual([
      'person:zhang',
      'person:zhang',
      'person:zhang',
      'person:li',
    ]);
  });

  it("counts all the developer's unsold units as one", () => {
    const e = buildElectorate([
      unit('101', 10000, developer('dev')),
      unit('102', 10000, developer('dev')),
      unit('103', 12000, developer('dev')),
      unit('104', 10000, person('li')),
    ]);
    expect(e.totals).toEqual({ units: 4, owners: 2, area: 420, areaHundredths: 42000 });
  });

  it('counts two developers as two owners', () => {
    const e = buildElectorate([
      unit('101', 100, developer('dev-a')),
      unit('102', 100, developer('dev-b')),
    ]);
    expect(e.totals.owners).toBe(2);
  });

  it('counts the co-owners of one unit as one owner', () => {
    const e = buildElectorate([unit('101', 10000, person('wang'), person('zhao'))]);
    expect(e.totals).toMatchObject({ units: 1, owners: 1 });
  });

  it('counts two units bought by exactly the same co-owners once', () => {
    const e = buildElectorate([
      unit('101', 10000, person('wang'), person('zhao')),
      unit('102', 10000, person('zhao'), person('wang')),
    ]);
    expect(e.totals.owners).toBe(1);
  });

  it('counts a unit owned alone and a unit owned jointly with a spouse as two buyers', () => {
    const e = buildElectorate([
      unit('101', 10000, person('wang')),
      unit('102', 10000, person('wang'), person('zhao')),
    ]);
    expect(e.totals.owners).toBe(2);
  });

  it('does not chain co-owners into one head', () => {
    // wang+zhao, zhao+qian, qian alone: three different buyers.
    const e = buildElectorate([
      unit('101', 10000, person('wang'), person('zhao')),
      unit('102', 10000, person('zhao'), person('qian')),
      unit('103', 10000, person('qian')),
    ]);
    expect(e.totals.owners).toBe(3);
  });

  it('mixes every rule in one estate', () => {
    const e = buildElectorate([
      unit('1-101', 8950, person('a')),
      unit('1-102', 8950, person('a')), // a: one owner for two units
      unit('1-201', 12000, person('b'), person('c')), // b+c: one owner
      unit('1-202', 12000, developer('dev')),
      unit('1-301', 12000, developer('dev')), // dev: one owner for both
      unit('1-302', 7000, person('b')), // b alone: another buyer
    ]);
    expect(e.totals).toEqual({ units: 6, owners: 4, area: 609, areaHundredths: 60900 });
  });

  it('allows a unit of zero area and still counts its owner', () => {
    const e = buildElectorate([unit('101', 10000, person('a')), unit('car-1', 0, person('b'))]);
    expect(e.totals).toMatchObject({ owners: 2, areaHundredths: 10000 });
  });
});

describe('buildElectorate: the snapshot', () => {
  it('is plain JSON that survives a round trip', () => {
    const e = buildElectorate([
      unit('101', 8950, person('a'), person('b')),
      unit('102', 14001, developer('dev')),
    ]);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(e.totals.area).toBe(229.51);
  });

  it('keeps the order of units and copies its input', () => {
    const input = [unit('b', 100, person('x')), unit('a', 100, person('y'))];
    const e = buildElectorate(input);
    expect(e.units.map((u) => u.unitId)).toEqual(['b', 'a']);
    (input[0]?.owners as UnitOwner[]).push(person('z'));
    expect(e.units[0]?.owners).toEqual([person('x')]);
  });

  it('holds 10,000 units of 140 m² exactly', () => {
    const units = Array.from({ length: 10000 }, (_, i) => unit(`u${i}`, 14000, person(`p${i}`)));
    const e = buildElectorate(units);
    expect(e.totals).toEqual({
      units: 10000,
      owners: 10000,
      area: 1400000,
      areaHundredths: 140000000,
    });
  });
});

describe('buildElectorate: validation', () => {
  it('refuses an empty electorate', () => {
    expect(validationFields(() => buildElectorate([]))).toEqual(['units']);
  });

  it('refuses areas that are not non-negative integers of 0.01 m²', () => {
    expect(
      validationFields(() =>
        buildElectorate([
          unit('1', 89.5, person('a')),
          unit('2', -1, person('b')),
          unit('3', Number.NaN, person('c')),
          unit('4', 2 ** 53, person('d')),
          unit('5', '100' as unknown as number, person('e')),
          unit('6', 100, person('f')),
        ]),
      ),
    ).toEqual([
      'units[0].areaHundredths',
      'units[1].areaHundredths',
      'units[2].areaHundredths',
      'units[3].areaHundredths',
      'units[4].areaHundredths',
    ]);
  });

  it('refuses a unit without owners', () => {
    expect(validationFields(() => buildElectorate([unit('1', 100)]))).toEqual(['units[0].owners']);
  });

  it('refuses a repeated unit', () => {
    expect(
      validationFields(() =>
        buildElectorate([unit('1', 100, person('a')), unit('1', 100, person('b'))]),
      ),
    ).toEqual(['units[1].unitId']);
  });

  it('refuses empty ids and the same owner twice on one unit', () => {
    expect(
      validationFields(() =>
        buildElectorate([unit('', 100, person('a')), unit('2', 100, person('b'), person('b'))]),
      ),
    ).toEqual(['units[0].unitId', 'units[1].owners[1].ownerId']);
    expect(validationFields(() => buildElectorate([unit('1', 100, person(''))]))).toEqual([
      'units[0].owners[0].ownerId',
    ]);
  });

  it('refuses a developer sharing a unit, and an owner who is both kinds', () => {
    expect(
      validationFields(() => buildElectorate([unit('1', 100, developer('dev'), person('a'))])),
    ).toEqual(['units[0].owners']);
    expect(
      validationFields(() =>
        buildElectorate([unit('1', 100, developer('x')), unit('2', 100, person('x'))]),
      ),
    ).toEqual(['units[1].owners[0].kind']);
  });

  it('refuses an unknown owner kind', () => {
    const odd = { ownerId: 'a', kind: 'company' } as unknown as UnitOwner;
    expect(validationFields(() => buildElectorate([unit('1', 100, odd)]))).toEqual([
      'units[0].owners[0].kind',
    ]);
  });

  it('refuses a total area of 0', () => {
    expect(validationFields(() => buildElectorate([unit('1', 0, person('a'))]))).toEqual(['units']);
  });

  it('refuses a total area beyond the safe integers', () => {
    const half = Math.ceil(Number.MAX_SAFE_INTEGER / 2) + 1;
    expect(
      validationFields(() =>
        buildElectorate([unit('1', half, person('a')), unit('2', half, person('b'))]),
      ),
    ).toEqual(['units']);
  });

  it('lists every problem, but at most 50 fields', () => {
    const bad = Array.from({ length: 200 }, (_, i) => unit(`u${i}`, -1, person(`p${i}`)));
    try {
      buildElectorate(bad);
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const details = (error as ValidationError).details;
      expect(details['fields']).toHaveLength(50);
      expect(details['problemCount']).toBe(200);
      expect((error as ValidationError).code).toBe('VALIDATION_FAILED');
    }
  });
});
