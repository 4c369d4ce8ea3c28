import { squareMetres } from './exact';
import { isHundredths, isList, isNonEmptyString, Problems } from './validation';

/** A `developer` owner marks a unit the developer has not sold (or sold but not yet handed over). */
export type OwnerKind = 'person' | 'developer';

export interface UnitOwner {
  ownerId: string;
  kind: OwnerKind;
}

/** A property unit in the resolution's scope, as the registry knows it when voting opens. */
export interface ElectorateUnitInput {
  unitId: string;
  /** Registered exclusive area (专有部分面积) in hundredths of a square metre: 89.50 m² is 8950. */
  areaHundredths: number;
  owners: readonly UnitOwner[];
}

/**
 * Who counts as one owner in the headcount. Units with the same key are one owner; see
 * {@link voterKeyOf}.
 */
export type VoterKey = string;

export interface ElectorateUnit {
  unitId: string;
  areaHundredths: number;
  owners: UnitOwner[];
  voterKey: VoterKey;
}

export interface ElectorateTotals {
  /** Property units in scope. */
  units: number;
  /** The owner headcount (业主人数): distinct voter keys. */
  owners: number;
  /** Exclusive area in m², for display (two decimals at most). */
  area: number;
  /** The same area, exact, in hundredths of a square metre. */
  areaHundredths: number;
}

/**
 * The electorate frozen when voting opens: plain JSON, recorded as an event so that any tally can
 * be recomputed and explained later from the snapshot alone.
 */
export interface Electorate {
  units: ElectorateUnit[];
  totals: ElectorateTotals;
}

const OWNER_KINDS: readonly OwnerKind[] = ['person', 'developer'];

/**
 * The headcount key of a unit, after the Supreme People's Court's interpretation on building
 * co-ownership (最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释, art. 9):
 * "业主人数按照专有部分的数量计算，一个专有部分按一人计算。但建设单位尚未出售和虽已出售但尚未交付的
 * 部分，以及同一买受人拥有一个以上专有部分的，按一人计算。"
 *
 * - A unit owned by the developer: `developer:<id>`. All of one developer's unsold units share it,
 *   so they count as one owner (their areas still add up in full).
 * - A unit with one person owner: `person:<id>`. One person owning several units alone counts once.
 * - A unit with several co-owners (共有): `co-owners:["a","b"]`, the sorted set of its owners.
 *   The unit counts as one owner; two units bought by exactly the same co-owners (the same 买受人)
 *   count as one together.
 *
 * The buyer (买受人) of a co-owned unit is the co-owners together, not each of them. So a person
 * who owns unit 1 alone and unit 2 jointly with a spouse is two buyers: the units count as two
 * owners. Merging them would also be open-ended (the spouse may co-own a third unit with someone
 * else, chaining whole families into one head) and would shrink the headcount below "one unit, one
 * owner", which the interpretation allows only for the same buyer. Keys depend only on a unit's own
 * owner set, so they do not change with the order of units or of owners.
 */
export function voterKeyOf(owners: readonly UnitOwner[]): VoterKey {
  const first = owners[0];
  if (first === undefined) throw new RangeError('A unit needs at least one owner');
  if (first.kind === 'developer') return `developer:${first.ownerId}`;
  if (owners.length === 1) return `person:${first.ownerId}`;
  const ids = owners.map((o) => o.ownerId).sort();
  return `co-owners:${JSON.stringify(ids)}`;
}

/**
 * Freezes the electorate of a vote: each unit with its area, owners and voter key, and the totals
 * Article 278 measures against (area, headcount). Units keep the order given.
 *
 * Throws ValidationError, listing every offending field, when a unit id is empty or repeated, an
 * area is not a non-negative safe integer of hundredths, a unit has no owner or the same owner
 * twice, a developer shares a unit with anyone, one owner id appears as both a person and a
 * developer, there are no units, the total area is 0, or the total is not a safe integer.
 */
export function buildElectorate(units: readonly ElectorateUnitInput[]): Electorate {
  const problems = new Problems();
  if (units.length === 0) problems.add('units', 'the electorate needs at least one unit');

  const seenUnits = new Set<string>();
  const kindOf = new Map<string, OwnerKind>();
  units.forEach((unit, i) => {
    const at = `units[${i}]`;
    if (!isNonEmptyString(unit.unitId)) problems.add(`${at}.unitId`, 'must be a non-empty string');
    else if (seenUnits.has(unit.unitId))
      problems.add(`${at}.unitId`, `unit ${unit.unitId} appears more than once`);
    else seenUnits.add(unit.unitId);

    if (!isHundredths(unit.areaHundredths))
      problems.add(`${at}.areaHundredths`, 'must be a non-negative integer of 0.01 m²');

    if (!isList(unit.owners) || unit.owners.length === 0) {
      problems.add(`${at}.owners`, 'a unit needs at least one owner');
      return;
    }
    const seenOwners = new Set<string>();
    unit.owners.forEach((owner, j) => {
      const ownerAt = `${at}.owners[${j}]`;
      if (!OWNER_KINDS.includes(owner.kind))
        problems.add(`${ownerAt}.kind`, 'must be "person" or "developer"');
      if (!isNonEmptyString(owner.ownerId)) {
        problems.add(`${ownerAt}.ownerId`, 'must be a non-empty string');
        return;
      }
      if (seenOwners.has(owner.ownerId))
        problems.add(`${ownerAt}.ownerId`, `owner ${owner.ownerId} is listed twice`);
      seenOwners.add(owner.ownerId);
      const known = kindOf.get(owner.ownerId);
      if (known !== undefined && known !== owner.kind)
        problems.add(`${ownerAt}.kind`, `owner ${owner.ownerId} is both a person and a developer`);
      else kindOf.set(owner.ownerId, owner.kind);
    });
    if (unit.owners.length > 1 && unit.owners.some((o) => o.kind === 'developer'))
      problems.add(`${at}.owners`, "a developer's unsold unit has the developer as its only owner");
  });
  problems.throwIfAny('The electorate is not valid');

  const frozen: ElectorateUnit[] = units.map((unit) => ({
    unitId: unit.unitId,
    areaHundredths: unit.areaHundredths,
    owners: unit.owners.map((o) => ({ ownerId: o.ownerId, kind: o.kind })),
    voterKey: voterKeyOf(unit.owners),
  }));
  const totals = totalsOf(frozen);
  if (totals.areaHundredths === 0) problems.add('units', 'the total area must be more than 0');
  problems.throwIfAny('The electorate is not valid');
  return { units: frozen, totals };
}

/**
 * Totals of a list of units, checked: throws ValidationError when the area sum leaves the safe
 * integers (beyond 90 billion m², so only for nonsense input).
 */
export function totalsOf(units: readonly ElectorateUnit[]): ElectorateTotals {
  let area = 0n;
  const keys = new Set<VoterKey>();
  for (const unit of units) {
    area += BigInt(unit.areaHundredths);
    keys.add(unit.voterKey);
  }
  if (area > BigInt(Number.MAX_SAFE_INTEGER)) {
    const problems = new Problems();
    problems.add('units', 'the total area is too large to count exactly');
    problems.throwIfAny('The electorate is not valid');
  }
  const areaHundredths = Number(area);
  return {
    units: units.length,
    owners: keys.size,
    area: squareMetres(areaHundredths),
    areaHundredths,
  };
}
