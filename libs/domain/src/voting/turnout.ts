import { type ElectorateUnit, type VoterKey } from './electorate';
import { reaches } from './exact';

/**
 * The live turnout board of a vote (扫楼, issue 9): how far participation is from the two thirds
 * Article 278 requires, by area and by headcount, over a part of the electorate (an estate, a
 * building), and which owners who have not voted would close the gap soonest.
 */

/** One measure against its two-thirds threshold: exact integers (area in hundredths of m²). */
export interface TurnoutMeasure {
  /** What took part: area of the units that voted, or owners with at least one unit voted. */
  readonly participated: number;
  /** The whole of the scope. */
  readonly electorate: number;
  /** The least `participated` that reaches two thirds of `electorate` (以上: inclusive). */
  readonly required: number;
  /** `required - participated`, or 0 once reached. */
  readonly gap: number;
  /** Two thirds reached (never with an empty electorate, as in the tally). */
  readonly reached: boolean;
}

/** One owner (voter key) who has not voted for the units listed, with their area in scope. */
export interface Closer {
  readonly voterKey: VoterKey;
  /** The owner's units in scope without a ballot, in the order the scope lists them. */
  readonly unitIds: readonly string[];
  readonly areaHundredths: number;
  /** Whether their ballot adds an owner to the headcount (none of their units in scope voted). */
  readonly addsOwner: boolean;
}

export interface Turnout {
  readonly units: { readonly total: number; readonly voted: number };
  readonly area: TurnoutMeasure;
  readonly owners: TurnoutMeasure;
  /** Both measures at two thirds. */
  readonly reached: boolean;
  /** The fewest owners whose ballots would close both gaps, largest area first; empty if reached. */
  readonly closers: readonly Closer[];
}

interface Candidate {
  voterKey: VoterKey;
  unitIds: string[];
  area: bigint;
  addsOwner: boolean;
  /** Position of the owner's first unit in scope: the last tie-break, so the order is stable. */
  first: number;
}

/**
 * The turnout of `units` (a part of a frozen electorate: all of it for the estate's board, the
 * units of one building for a building's) given the units that have a ballot. Pure and exact.
 *
 * Counted as the tally counts participation, restricted to the scope: the area of the units that
 * voted; the owners (voter keys) with at least one unit in scope voted, out of the voter keys
 * with a unit in scope. So a person owning flats in two buildings counts once on each building's
 * board (by the flats there) and once on the estate's, where their flats add up.
 *
 * Closers: each owner with units in scope not yet voted is one candidate, their unvoted units'
 * areas summed (an owner is asked once, for all of their flats). A candidate adds an owner to the
 * headcount unless one of their units in scope already voted; then only area. The fewest
 * candidates that close both gaps are: the `ownersGap` largest candidates that add an owner
 * (every set closing the headcount holds that many of them, and swapping any for a larger one
 * only adds area), then the largest remaining candidates of either kind until the area gap is
 * closed. Listed by area, largest first. Ties: adding an owner first, then scope order.
 */
export function turnout(units: readonly ElectorateUnit[], voted: ReadonlySet<string>): Turnout {
  let totalArea = 0n;
  let votedArea = 0n;
  let votedUnits = 0;
  const keys = new Set<VoterKey>();
  const keysVoted = new Set<VoterKey>();
  const pending = new Map<VoterKey, Candidate>();
  units.forEach((unit, i) => {
    const area = BigInt(unit.areaHundredths);
    totalArea += area;
    keys.add(unit.voterKey);
    if (voted.has(unit.unitId)) {
      votedArea += area;
      votedUnits += 1;
      keysVoted.add(unit.voterKey);
      return;
    }
    const known = pending.get(unit.voterKey);
    if (known === undefined)
      pending.set(unit.voterKey, {
        voterKey: unit.voterKey,
        unitIds: [unit.unitId],
        area,
        addsOwner: true,
        first: i,
      });
    else {
      known.unitIds.push(unit.unitId);
      known.area += area;
    }
  });
  const candidates = [...pending.values()];
  for (const c of candidates) c.addsOwner = !keysVoted.has(c.voterKey);

  const area = measure(votedArea, totalArea);
  const owners = measure(BigInt(keysVoted.size), BigInt(keys.size));

  const byArea = (a: Candidate, b: Candidate): number =>
    a.area === b.area
      ? a.addsOwner === b.addsOwner
        ? a.first - b.first
        : a.addsOwner
          ? -1
          : 1
      : a.area > b.area
        ? -1
        : 1;
  const newOwners = candidates.filter((c) => c.addsOwner).sort(byArea);
  const chosen = newOwners.slice(0, owners.gap);
  let areaGap = BigInt(area.gap) - chosen.reduce((sum, c) => sum + c.area, 0n);
  const rest = [...newOwners.slice(owners.gap), ...candidates.filter((c) => !c.addsOwner)].sort(
    byArea,
  );
  for (const c of rest) {
    if (areaGap <= 0n) break;
    chosen.push(c);
    areaGap -= c.area;
  }
  chosen.sort(byArea);

  return {
    units: { total: units.length, voted: votedUnits },
    area,
    owners,
    reached: area.reached && owners.reached,
    closers: chosen.map((c) => ({
      voterKey: c.voterKey,
      unitIds: c.unitIds,
      areaHundredths: Number(c.area),
      addsOwner: c.addsOwner,
    })),
  };
}

function measure(participated: bigint, electorate: bigint): TurnoutMeasure {
  // The least n with 3n ≥ 2·electorate.
  const required = (2n * electorate + 2n) / 3n;
  const gap = required > participated ? required - participated : 0n;
  return {
    participated: Number(participated),
    electorate: Number(electorate),
    required: Number(required),
    gap: Number(gap),
    reached: reaches(Number(participated), Number(electorate), 'at-least', '2/3'),
  };
}
