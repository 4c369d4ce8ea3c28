import { totalsOf, type Electorate, type ElectorateUnit, type VoterKey } from './electorate';
import { explain } from './explanation';
import {
  percentAgainst,
  reaches,
  squareMetres,
  type Comparison,
  type LegalFraction,
} from './exact';
import { isHundredths, isList, isNonEmptyString, Problems } from './validation';

/** The owners' vote: counted by `tally` below, per unit, area and owner headcount. */
export type OwnersRule = 'simple-majority' | 'civil-code-278';

/**
 * Chosen when the resolution is drafted; it cannot change once voting opens. `resident-poll` (居民
 * 意见征询, one answer per household) and `council` (议事会决定, one answer per party present) are
 * counted in decisions.ts.
 */
export type VotingRule = OwnersRule | 'resident-poll' | 'council';

/** Article 278: `major` is raising the maintenance fund, rebuilding, changing the use of common parts. */
export type Matter = 'ordinary' | 'major';

export type Choice = 'for' | 'against' | 'abstain';

/** The ballot of one unit; the caller keeps one per unit (see acceptBallot). */
export interface Ballot {
  unitId: string;
  choice: Choice;
  /**
   * Choosing among plans: the index of the option chosen (then `choice` is `for`); absent on an
   * abstention and on a resolution without options.
   */
  option?: number;
  /** Who cast it (a council records who agreed for each party). */
  castBy?: string;
}

export const OWNERS_RULES: readonly OwnersRule[] = ['simple-majority', 'civil-code-278'];
export const VOTING_RULES: readonly VotingRule[] = [...OWNERS_RULES, 'resident-poll', 'council'];
export const MATTERS: readonly Matter[] = ['ordinary', 'major'];
export const CHOICES: readonly Choice[] = ['for', 'against', 'abstain'];

/** A part of the electorate: its units (ballots), owner headcount and exclusive area. */
export interface Count {
  units: number;
  owners: number;
  /** m², for display; exact in `areaHundredths`. */
  area: number;
  areaHundredths: number;
}

export type ThresholdName =
  | 'participationArea'
  | 'participationOwners'
  | 'approvalArea'
  | 'approvalOwners'
  | 'forOverAgainst'
  | 'allPresentFor';

/** One condition of the rule, with the numbers it was decided on. */
export interface Threshold {
  name: ThresholdName;
  /** What is counted: area in hundredths of m², owner headcount, or ballots (units). */
  measure: 'area' | 'owners' | 'ballots';
  comparison: Comparison;
  required: LegalFraction;
  /** `numerator / denominator` is compared with `required`; `percent` is for reading only. */
  actual: { numerator: number; denominator: number; percent: string | null };
  held: boolean;
}

export interface TallyBase {
  matter: Matter;
  electorate: Count;
  participated: Count;
  for: Count;
  against: Count;
  abstain: Count;
  passed: boolean;
  explanation: { zh: string; en: string };
}

export interface CivilCodeTally extends TallyBase, Partial<PlanResult> {
  rule: 'civil-code-278';
  thresholds: Record<
    'participationArea' | 'participationOwners' | 'approvalArea' | 'approvalOwners',
    Threshold
  >;
}

export interface SimpleMajorityTally extends TallyBase, Partial<PlanResult> {
  rule: 'simple-majority';
  thresholds: Record<'forOverAgainst', Threshold>;
}

/** The result of a vote, as `GET /resolutions/:id/tally` returns it. Plain JSON. */
export type Tally = CivilCodeTally | SimpleMajorityTally | ResidentPollTally | CouncilTally;

/** What the owners' rules count (`tally`). */
export type OwnersTally = CivilCodeTally | SimpleMajorityTally;

/** One plan of a choice among plans, with the answers it got. */
export interface OptionResult {
  index: number;
  title: string;
  /** Ballots (households, parties, units) that chose it. */
  answers: number;
  /** `civil-code-278`: the option's own count under the law (participation shared). */
  law?: {
    for: Count;
    thresholds: CivilCodeTally['thresholds'];
    passed: boolean;
  };
}

/**
 * Choosing among plans (`options`): each option's answers, the winner (null when none) and a tie
 * for the first place (`tie`, the tied options' indexes; then no winner and the resolution fails).
 */
export interface PlanResult {
  options: OptionResult[];
  winner: number | null;
  tie: number[] | null;
}

/** 居民意见征询: one answer per household, tenants included; turnout reported, never a quorum. */
export interface ResidentPollTally extends TallyBase, Partial<PlanResult> {
  rule: 'resident-poll';
  thresholds: Partial<Record<'forOverAgainst', Threshold>>;
  /** Answers ÷ households of the frozen electorate. */
  turnout: { answers: number; households: number; percent: string | null };
}

/** One party present at the meeting(s) of the resolution's entry, and its answer. */
export interface CouncilParty {
  party: string;
  /** Its attendees signed in, as frozen when voting opened. */
  attendees: string[];
  /** `for`, `against`, `abstain`, or null while the party has not answered. */
  choice: Choice | null;
  option: number | null;
  /** The attendee who answered for the party. */
  answeredBy: string | null;
}

/** 议事会决定: each party present answers once; it passes when every party present agrees. */
export interface CouncilTally extends TallyBase, Partial<PlanResult> {
  rule: 'council';
  thresholds: Partial<Record<'allPresentFor', Threshold>>;
  parties: CouncilParty[];
  /** Who agreed: party → the attendee who answered `for` (or chose the winning plan). */
  agreed: { party: string; userId: string }[];
}

interface Sums {
  units: number;
  area: bigint;
}

/** What one voter key (one owner in the headcount) cast, summed over their units. */
interface VoterSums {
  for: Sums;
  against: Sums;
  abstain: Sums;
}

/**
 * Counts a vote. Pure and deterministic: the same electorate and ballots, in any order, give the
 * same tally.
 *
 * Area: each ballot counts its unit's registered area once, under its choice; the participating
 * area is the area of the units that voted (a unit that did not vote is not taking part, even if
 * its owner voted for another unit).
 *
 * Headcount, per voter key (see `voterKeyOf`: one person with several units, or all of a
 * developer's unsold units, is one owner):
 * - the owner took part if any of their units voted;
 * - the owner counts once, under the choice that carries strictly the most area among their
 *   ballots (an owner's weight in the vote is their area, so the choice most of it backs is their
 *   position); when two choices tie for the most area (say one unit for and an equal one
 *   against), the owner counts as abstaining: they cannot be counted as agreeing, nor as
 *   opposing. An owner whose units all voted alike simply counts under that choice. Counts stay
 *   whole numbers (no fractional owners), `for + against + abstain` owners is the participating
 *   headcount, and one more `for` ballot never moves an owner away from `for`.
 *
 * Rules:
 * - `simple-majority`: passed iff more `for` ballots than `against` ballots, counted per unit
 *   (one ballot per unit, as smaller consultations count households); abstentions are not
 *   counted, and there is no quorum. `matter` is recorded but does not change the rule.
 * - `civil-code-278`: participation at least 2/3 of the electorate's area AND at least 2/3 of its
 *   headcount (以上, inclusive); then approval by the participating area AND headcount: `ordinary`
 *   more than 1/2 (过半数, strict), `major` at least 3/4 (inclusive). With nobody (or no area)
 *   taking part, no approval threshold holds.
 *
 * Every comparison is exact (BigInt cross-multiplication; see `reaches`).
 *
 * Throws ValidationError on an unknown rule, matter or choice, a ballot for a unit outside the
 * electorate, two ballots for one unit, or an electorate snapshot whose totals disagree with its
 * units.
 */
export function tally(
  rule: OwnersRule,
  matter: Matter,
  electorate: Electorate,
  ballots: readonly Ballot[],
): OwnersTally {
  const unitsById = checkElectorate(electorate);
  checkBallots(rule, matter, unitsById, ballots);

  const byChoice: Record<Choice, Sums> = {
    for: { units: 0, area: 0n },
    against: { units: 0, area: 0n },
    abstain: { units: 0, area: 0n },
  };
  const voters = new Map<VoterKey, VoterSums>();
  for (const ballot of ballots) {
    // checkBallots made sure every unit is in the electorate.
    const unit = unitsById.get(ballot.unitId) as ElectorateUnit;
    const area = BigInt(unit.areaHundredths);
    add(byChoice[ballot.choice], area);
    let voter = voters.get(unit.voterKey);
    if (voter === undefined) {
      voter = {
        for: { units: 0, area: 0n },
        against: { units: 0, area: 0n },
        abstain: { units: 0, area: 0n },
      };
      voters.set(unit.voterKey, voter);
    }
    add(voter[ballot.choice], area);
  }

  const owners: Record<Choice, number> = { for: 0, against: 0, abstain: 0 };
  for (const voter of voters.values()) owners[headcountChoice(voter)] += 1;

  const count = (choice: Choice): Count =>
    countOf(byChoice[choice].units, owners[choice], byChoice[choice].area);
  const counts = { for: count('for'), against: count('against'), abstain: count('abstain') };
  const participated = countOf(
    ballots.length,
    voters.size,
    byChoice.for.area + byChoice.against.area + byChoice.abstain.area,
  );
  const totals = electorate.totals;
  const whole: Count = {
    units: totals.units,
    owners: totals.owners,
    area: totals.area,
    areaHundredths: totals.areaHundredths,
  };

  switch (rule) {
    case 'simple-majority': {
      const thresholds = {
        forOverAgainst: threshold(
          'forOverAgainst',
          'ballots',
          counts.for.units,
          counts.for.units + counts.against.units,
          'more-than',
          '1/2',
        ),
      };
      const passed = thresholds.forOverAgainst.held;
      const result: Omit<SimpleMajorityTally, 'explanation'> = {
        rule,
        matter,
        electorate: whole,
        participated,
        ...counts,
        thresholds,
        passed,
      };
      return { ...result, explanation: explain(result) };
    }
    case 'civil-code-278': {
      const [approvalComparison, approvalFraction]: [Comparison, LegalFraction] =
        matter === 'major' ? ['at-least', '3/4'] : ['more-than', '1/2'];
      const thresholds = {
        participationArea: threshold(
          'participationArea',
          'area',
          participated.areaHundredths,
          whole.areaHundredths,
          'at-least',
          '2/3',
        ),
        participationOwners: threshold(
          'participationOwners',
          'owners',
          participated.owners,
          whole.owners,
          'at-least',
          '2/3',
        ),
        approvalArea: threshold(
          'approvalArea',
          'area',
          counts.for.areaHundredths,
          participated.areaHundredths,
          approvalComparison,
          approvalFraction,
        ),
        approvalOwners: threshold(
          'approvalOwners',
          'owners',
          counts.for.owners,
          participated.owners,
          approvalComparison,
          approvalFraction,
        ),
      };
      const passed = Object.values(thresholds).every((t) => t.held);
      const result: Omit<CivilCodeTally, 'explanation'> = {
        rule,
        matter,
        electorate: whole,
        participated,
        ...counts,
        thresholds,
        passed,
      };
      return { ...result, explanation: explain(result) };
    }
  }
}

function add(sums: Sums, area: bigint): void {
  sums.units += 1;
  sums.area += area;
}

/** The choice an owner counts under in the headcount: strictly the most area, else abstain. */
function headcountChoice(voter: VoterSums): Choice {
  const cast = CHOICES.filter((c) => voter[c].units > 0);
  const most = cast.reduce((max, c) => (voter[c].area > max ? voter[c].area : max), -1n);
  const leaders = cast.filter((c) => voter[c].area === most);
  const [only, ...others] = leaders;
  return only !== undefined && others.length === 0 ? only : 'abstain';
}

export function countOf(units: number, owners: number, area: bigint): Count {
  // Bounded by the electorate's total area, which totalsOf checked is a safe integer.
  const areaHundredths = Number(area);
  return { units, owners, area: squareMetres(areaHundredths), areaHundredths };
}

export function threshold(
  name: ThresholdName,
  measure: Threshold['measure'],
  numerator: number,
  denominator: number,
  comparison: Comparison,
  required: LegalFraction,
): Threshold {
  return {
    name,
    measure,
    comparison,
    required,
    actual: {
      numerator,
      denominator,
      percent: percentAgainst(numerator, denominator, comparison, required),
    },
    held: reaches(numerator, denominator, comparison, required),
  };
}

/** The snapshot may come back from an event log: check it before trusting its totals. */
function checkElectorate(electorate: Electorate): Map<string, ElectorateUnit> {
  const problems = new Problems();
  const units = new Map<string, ElectorateUnit>();
  if (!isList(electorate.units)) {
    problems.add('electorate.units', 'must be a list of units');
    problems.throwIfAny('The electorate snapshot is not valid');
  }
  electorate.units.forEach((unit, i) => {
    const at = `electorate.units[${i}]`;
    if (!isNonEmptyString(unit.unitId)) problems.add(`${at}.unitId`, 'must be a non-empty string');
    else if (units.has(unit.unitId))
      problems.add(`${at}.unitId`, `unit ${unit.unitId} appears more than once`);
    else units.set(unit.unitId, unit);
    if (!isHundredths(unit.areaHundredths))
      problems.add(`${at}.areaHundredths`, 'must be a non-negative integer of 0.01 m²');
    if (!isNonEmptyString(unit.voterKey))
      problems.add(`${at}.voterKey`, 'must be a non-empty string');
  });
  problems.throwIfAny('The electorate snapshot is not valid');

  const totals = totalsOf(electorate.units);
  const stored = electorate.totals as Partial<Electorate['totals']> | undefined;
  if (
    stored?.units !== totals.units ||
    stored.owners !== totals.owners ||
    stored.areaHundredths !== totals.areaHundredths ||
    stored.area !== totals.area
  )
    problems.add('electorate.totals', 'do not match the units of the snapshot');
  if (totals.areaHundredths === 0) problems.add('electorate.units', 'the total area is 0');
  problems.throwIfAny('The electorate snapshot is not valid');
  return units;
}

function checkBallots(
  rule: OwnersRule,
  matter: Matter,
  units: ReadonlyMap<string, ElectorateUnit>,
  ballots: readonly Ballot[],
): void {
  const problems = new Problems();
  if (!OWNERS_RULES.includes(rule))
    problems.add('rule', 'must be "simple-majority" or "civil-code-278"');
  if (!MATTERS.includes(matter)) problems.add('matter', 'must be "ordinary" or "major"');
  const voted = new Set<string>();
  ballots.forEach((ballot, i) => {
    const at = `ballots[${i}]`;
    if (!CHOICES.includes(ballot.choice))
      problems.add(`${at}.choice`, 'must be "for", "against" or "abstain"');
    if (!units.has(ballot.unitId))
      problems.add(`${at}.unitId`, `unit ${String(ballot.unitId)} is not in the electorate`);
    else if (voted.has(ballot.unitId))
      problems.add(`${at}.unitId`, `unit ${ballot.unitId} has more than one ballot`);
    voted.add(ballot.unitId);
  });
  problems.throwIfAny('The ballots cannot be counted');
}
