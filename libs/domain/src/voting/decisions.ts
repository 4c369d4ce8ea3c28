import { ValidationError } from '../errors';
import { totalsOf, type Electorate, type ElectorateUnit } from './electorate';
import { groupThousands, percentText } from './exact';
import { type Explanation } from './explanation';
import {
  CHOICES,
  countOf,
  tally,
  threshold,
  type Ballot,
  type Choice,
  type CivilCodeTally,
  type CouncilParty,
  type CouncilTally,
  type Count,
  type Matter,
  type OptionResult,
  type PlanResult,
  type ResidentPollTally,
  type SimpleMajorityTally,
  type Tally,
  type VotingRule,
} from './tally';
import { isList, Problems } from './validation';

/*
 * The decision kinds besides the owners' vote (docs/procedure.md, "Decision kinds"), counted as
 * pure functions like `tally`:
 * - 居民意见征询 `resident-poll`: one answer per household in scope (a unit with a resident, owner or
 *   tenant), simple majority of the answers; the turnout is reported, never a quorum;
 * - 议事会决定 `council`: one answer per party present at the meetings of the resolution's entry,
 *   by one of its signed-in attendees; passes when every party present answers `for`;
 * - choosing among plans (`options`) for any rule: a ballot names an option's index.
 * Both electorates are frozen when voting opens, in the owners' vote's shape: a household or a
 * party is a "unit" of the snapshot, its residents or attendees its "owners" (who may answer).
 */

/** One plan of a choice among plans, as drafted. */
export interface PlanOption {
  readonly title: string;
}

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const MAX_OPTION_TITLE = 100;

/**
 * The plans of a resolution: null when none are given; else 2 to 10, each with a title of 1 to
 * 100 characters (trimmed). Throws ValidationError (Chinese) otherwise.
 */
export function planOptions(raw: unknown): PlanOption[] | null {
  if (raw === undefined || raw === null) return null;
  const problems = new Problems();
  if (!isList(raw)) {
    problems.add('options', 'must be a list');
  } else {
    const list = raw as unknown[];
    if (list.length < MIN_OPTIONS || list.length > MAX_OPTIONS)
      problems.add('options', `${MIN_OPTIONS} to ${MAX_OPTIONS} options`);
    list.forEach((o, i) => {
      const title = (o as { title?: unknown } | null)?.title;
      if (
        typeof title !== 'string' ||
        title.trim() === '' ||
        title.trim().length > MAX_OPTION_TITLE
      )
        problems.add(`options[${i}].title`, `1 to ${MAX_OPTION_TITLE} characters`);
    });
  }
  problems.throwIfAny(
    `备选方案须为 ${MIN_OPTIONS} 至 ${MAX_OPTIONS} 个，每个方案须有标题（不超过 ${MAX_OPTION_TITLE} 字）`,
  );
  return (raw as { title: string }[]).map((o) => ({ title: o.title.trim() }));
}

/** Why the caller has nothing to answer for, in the words of the rule (403 FORBIDDEN). */
export function noStandingMessage(rule: VotingRule): string {
  switch (rule) {
    case 'resident-poll':
      return '您不是本次征询范围内登记的住户（业主或租户），不能答复';
    case 'council':
      return '您未在本轮议事会上签到，不能代表出席方答复';
    case 'simple-majority':
    case 'civil-code-278':
      return '您名下没有参加本次表决的房屋';
  }
}

/** What a ballot answers: a choice, and with plans the option chosen. */
export interface Answer {
  readonly choice: Choice;
  readonly option?: number;
}

/**
 * A ballot's `choice` read against the resolution: without plans `for`, `against` or `abstain`;
 * with plans an option's index (0-based) or `abstain`. Throws ValidationError (400) otherwise.
 */
export function answerOf(options: readonly PlanOption[] | null | undefined, raw: unknown): Answer {
  if (options === undefined || options === null || options.length === 0) {
    if (typeof raw === 'string' && (CHOICES as readonly string[]).includes(raw))
      return { choice: raw as Choice };
    throw new ValidationError('表决意见须为 for（同意）、against（反对）或 abstain（弃权）', {
      fields: [{ field: 'choice', problems: ['must be one of for, against, abstain'] }],
    });
  }
  if (raw === 'abstain') return { choice: 'abstain' };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < options.length)
    return { choice: 'for', option: raw };
  throw new ValidationError(`请选择方案编号 0 至 ${options.length - 1}，或 abstain（弃权）`, {
    fields: [
      {
        field: 'choice',
        problems: [`must be an option index from 0 to ${options.length - 1}, or "abstain"`],
      },
    ],
  });
}

/** A unit of the scope with its residents (owners and tenants), for a poll's electorate. */
export interface HouseholdInput {
  readonly unitId: string;
  readonly areaHundredths: number;
  readonly residentIds: readonly string[];
}

/**
 * The households of a poll: the units with at least one resident (owner or tenant), each one
 * household (`household:<unitId>`), its residents the users who may answer for it. Units without
 * a resident are not households. Area is kept for reading only; a poll does not weigh it.
 */
export function householdElectorate(units: readonly HouseholdInput[]): Electorate {
  const frozen: ElectorateUnit[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    if (unit.residentIds.length === 0 || seen.has(unit.unitId)) continue;
    seen.add(unit.unitId);
    frozen.push({
      unitId: unit.unitId,
      areaHundredths: unit.areaHundredths,
      owners: [...new Set(unit.residentIds)].map((ownerId) => ({ ownerId, kind: 'person' })),
      voterKey: `household:${unit.unitId}`,
    });
  }
  return { units: frozen, totals: totalsOf(frozen) };
}

/**
 * The parties of a council: each party present (its signed-in attendees at the meetings of the
 * resolution's entry) is one "unit" whose id is the party, its attendees the users who may answer
 * for it. No area.
 */
export function councilElectorate(present: ReadonlyMap<string, readonly string[]>): Electorate {
  const frozen: ElectorateUnit[] = [];
  for (const [party, attendees] of present) {
    if (attendees.length === 0) continue;
    frozen.push({
      unitId: party,
      areaHundredths: 0,
      owners: [...new Set(attendees)].map((ownerId) => ({ ownerId, kind: 'person' })),
      voterKey: `party:${party}`,
    });
  }
  return { units: frozen, totals: totalsOf(frozen) };
}

/** What is counted: the resolution as frozen when voting opened. */
export interface VoteToCount {
  readonly rule: VotingRule;
  readonly matter: Matter;
  readonly electorate: Electorate;
  readonly options?: readonly PlanOption[] | null | undefined;
}

/**
 * Counts any resolution: the owners' rules by `tally` (with plans: each option under the rule),
 * a poll and a council here. Pure and deterministic; ballots in any order give the same result.
 * Throws ValidationError on a ballot outside the electorate, two for one unit (household, party),
 * a choice the resolution does not take, or an option out of range.
 */
export function countVote(vote: VoteToCount, ballots: readonly Ballot[]): Tally {
  const options = vote.options ?? null;
  checkAnswers(vote, options, ballots);
  switch (vote.rule) {
    case 'simple-majority': {
      const base = tally('simple-majority', vote.matter, vote.electorate, ballots);
      if (options === null || base.rule !== 'simple-majority') return base;
      return withPlans(base, plansByAnswers(options, ballots));
    }
    case 'civil-code-278':
      if (options === null) return tally('civil-code-278', vote.matter, vote.electorate, ballots);
      return plansUnderTheLaw(vote, options, ballots);
    case 'resident-poll':
      return residentPoll(vote, options, ballots);
    case 'council':
      return council(vote, options, ballots);
  }
}

function checkAnswers(
  vote: VoteToCount,
  options: readonly PlanOption[] | null,
  ballots: readonly Ballot[],
): void {
  const problems = new Problems();
  const units = new Set(vote.electorate.units.map((u) => u.unitId));
  const seen = new Set<string>();
  ballots.forEach((b, i) => {
    const at = `ballots[${i}]`;
    if (!units.has(b.unitId)) problems.add(`${at}.unitId`, `${b.unitId} is not in the electorate`);
    else if (seen.has(b.unitId)) problems.add(`${at}.unitId`, `${b.unitId} answered twice`);
    seen.add(b.unitId);
    if (!CHOICES.includes(b.choice)) problems.add(`${at}.choice`, 'must be for, against, abstain');
    if (options === null) {
      if (b.option !== undefined) problems.add(`${at}.option`, 'the resolution has no options');
    } else if (b.choice === 'for') {
      if (
        typeof b.option !== 'number' ||
        !Number.isInteger(b.option) ||
        b.option < 0 ||
        b.option >= options.length
      )
        problems.add(`${at}.option`, `must be 0 to ${options.length - 1}`);
    } else if (b.choice !== 'abstain' || b.option !== undefined) {
      problems.add(`${at}.choice`, 'with options: an option (for) or abstain');
    }
  });
  problems.throwIfAny('The ballots cannot be counted');
}

/** Ballots, units (households, parties) and area under each choice; one "owner" per unit. */
function simpleCounts(electorate: Electorate, ballots: readonly Ballot[]) {
  const area = new Map(electorate.units.map((u) => [u.unitId, BigInt(u.areaHundredths)]));
  const sums: Record<Choice, { units: number; area: bigint }> = {
    for: { units: 0, area: 0n },
    against: { units: 0, area: 0n },
    abstain: { units: 0, area: 0n },
  };
  for (const b of ballots) {
    sums[b.choice].units += 1;
    sums[b.choice].area += area.get(b.unitId) ?? 0n;
  }
  const count = (c: Choice): Count => countOf(sums[c].units, sums[c].units, sums[c].area);
  const t = electorate.totals;
  return {
    electorate: {
      units: t.units,
      owners: t.owners,
      area: t.area,
      areaHundredths: t.areaHundredths,
    },
    participated: countOf(
      ballots.length,
      ballots.length,
      sums.for.area + sums.against.area + sums.abstain.area,
    ),
    for: count('for'),
    against: count('against'),
    abstain: count('abstain'),
  };
}

/**
 * Poll or council among plans: the option with most answers wins; two or more sharing the most
 * are a tie (no winner); with no answer at all there is neither.
 */
export function plansByAnswers(
  options: readonly PlanOption[],
  ballots: readonly Ballot[],
): PlanResult {
  const answers = options.map(() => 0);
  for (const b of ballots)
    if (b.choice === 'for' && b.option !== undefined)
      answers[b.option] = (answers[b.option] ?? 0) + 1;
  const most = Math.max(...answers);
  const leaders = answers.flatMap((n, i) => (n === most ? [i] : []));
  const results: OptionResult[] = options.map((o, index) => ({
    index,
    title: o.title,
    answers: answers[index] ?? 0,
  }));
  if (most === 0) return { options: results, winner: null, tie: null };
  if (leaders.length > 1) return { options: results, winner: null, tie: leaders };
  return { options: results, winner: leaders[0] ?? null, tie: null };
}

function withPlans(base: SimpleMajorityTally, plans: PlanResult): SimpleMajorityTally {
  const result = { ...base, ...plans, passed: plans.winner !== null };
  return { ...result, explanation: planExplanation(result, plans, '简单多数') };
}

/**
 * `civil-code-278` among plans: each option tallied on its own under the law (a ballot for another
 * option counts against it, an abstention abstains; participation is shared). The options that
 * pass are reported; the winner is the passing option with most approving area, then owners; two
 * passing options equal in both are a tie. The top-level numbers are the leading option's.
 */
function plansUnderTheLaw(
  vote: VoteToCount,
  options: readonly PlanOption[],
  ballots: readonly Ballot[],
): CivilCodeTally {
  const perOption = options.map((_, i) => {
    const t = tally(
      'civil-code-278',
      vote.matter,
      vote.electorate,
      ballots.map((b) => ({
        unitId: b.unitId,
        choice: b.choice === 'abstain' ? ('abstain' as const) : b.option === i ? 'for' : 'against',
      })),
    );
    return t as CivilCodeTally;
  });
  const results: OptionResult[] = options.map((o, index) => {
    const t = perOption[index] as CivilCodeTally;
    return {
      index,
      title: o.title,
      answers: t.for.units,
      law: { for: t.for, thresholds: t.thresholds, passed: t.passed },
    };
  });
  const better = (a: number, b: number): number => {
    const x = (perOption[a] as CivilCodeTally).for;
    const y = (perOption[b] as CivilCodeTally).for;
    return y.areaHundredths - x.areaHundredths || y.owners - x.owners;
  };
  const passing = results.filter((r) => r.law?.passed === true).map((r) => r.index);
  const ranked = [...(passing.length > 0 ? passing : results.map((r) => r.index))].sort(better);
  const first = ranked[0] ?? 0;
  const level = ranked.filter((i) => better(first, i) === 0);
  const winner = passing.length > 0 && level.length === 1 ? first : null;
  const tie = passing.length > 0 && level.length > 1 ? level : null;
  const lead = perOption[first] as CivilCodeTally;
  const plans: PlanResult = { options: results, winner, tie };
  const result = { ...lead, ...plans, passed: winner !== null };
  return { ...result, explanation: planExplanation(result, plans, '民法典第二百七十八条') };
}

function residentPoll(
  vote: VoteToCount,
  options: readonly PlanOption[] | null,
  ballots: readonly Ballot[],
): ResidentPollTally {
  const counts = simpleCounts(vote.electorate, ballots);
  const households = vote.electorate.totals.units;
  const turnout = {
    answers: ballots.length,
    households,
    percent: households === 0 ? null : percentText(ballots.length, households, 2),
  };
  const turnoutZh = `答复 ${groupThousands(ballots.length)} 户，共 ${groupThousands(households)} 户${turnout.percent === null ? '' : `，参与率 ${turnout.percent}%`}（不设最低参与率）`;
  const turnoutEn = `${ballots.length} of ${households} households answered${turnout.percent === null ? '' : ` (${turnout.percent}%)`}; no quorum`;
  if (options !== null) {
    const plans = plansByAnswers(options, ballots);
    const base = {
      rule: 'resident-poll' as const,
      matter: vote.matter,
      ...counts,
      thresholds: {},
      turnout,
      ...plans,
      passed: plans.winner !== null,
    };
    const words = planExplanation(base, plans, '居民意见征询');
    return {
      ...base,
      explanation: { zh: `${turnoutZh}；${words.zh}`, en: `${turnoutEn}. ${words.en}` },
    };
  }
  const forOverAgainst = threshold(
    'forOverAgainst',
    'ballots',
    counts.for.units,
    counts.for.units + counts.against.units,
    'more-than',
    '1/2',
  );
  const passed = forOverAgainst.held;
  const f = groupThousands(counts.for.units);
  const a = groupThousands(counts.against.units);
  const s = groupThousands(counts.abstain.units);
  return {
    rule: 'resident-poll',
    matter: vote.matter,
    ...counts,
    thresholds: { forOverAgainst },
    turnout,
    passed,
    explanation: {
      zh: `${turnoutZh}；同意 ${f} 户，反对 ${a} 户（弃权 ${s} 户不计），${passed ? '同意多于反对' : '同意未多于反对'}。结论：居民意见征询${passed ? '通过' : '未通过'}。`,
      en: `${turnoutEn}. ${f} for, ${a} against, ${s} abstaining (not counted). Result: the poll ${passed ? 'passed' : 'failed'}.`,
    },
  };
}

function council(
  vote: VoteToCount,
  options: readonly PlanOption[] | null,
  ballots: readonly Ballot[],
): CouncilTally {
  const counts = simpleCounts(vote.electorate, ballots);
  const byParty = new Map(ballots.map((b) => [b.unitId, b]));
  const parties: CouncilParty[] = vote.electorate.units.map((u) => {
    const b = byParty.get(u.unitId);
    return {
      party: u.unitId,
      attendees: u.owners.map((o) => o.ownerId),
      choice: b?.choice ?? null,
      option: b?.option ?? null,
      answeredBy: b === undefined ? null : (b.castBy ?? null),
    };
  });
  const present = parties.length;
  const answered = parties.filter((p) => p.choice !== null).length;
  const head = `出席议事会 ${present} 方，已答复 ${answered} 方`;
  const headEn = `${present} parties present, ${answered} answered`;
  if (options !== null) {
    const plans = plansByAnswers(options, ballots);
    const agreed = parties
      .filter((p) => plans.winner !== null && p.option === plans.winner && p.answeredBy !== null)
      .map((p) => ({ party: p.party, userId: p.answeredBy as string }));
    const base = {
      rule: 'council' as const,
      matter: vote.matter,
      ...counts,
      thresholds: {},
      parties,
      agreed,
      ...plans,
      passed: plans.winner !== null,
    };
    const words = planExplanation(base, plans, '议事会决定');
    return { ...base, explanation: { zh: `${head}；${words.zh}`, en: `${headEn}. ${words.en}` } };
  }
  const allPresentFor = threshold(
    'allPresentFor',
    'ballots',
    counts.for.units,
    present,
    'at-least',
    '1/1',
  );
  const passed = allPresentFor.held;
  const agreed = parties
    .filter((p) => p.choice === 'for' && p.answeredBy !== null)
    .map((p) => ({ party: p.party, userId: p.answeredBy as string }));
  return {
    rule: 'council',
    matter: vote.matter,
    ...counts,
    thresholds: { allPresentFor },
    parties,
    agreed,
    passed,
    explanation: {
      zh: `${head}，同意 ${counts.for.units} 方，反对 ${counts.against.units} 方，弃权 ${counts.abstain.units} 方。结论：${passed ? '出席各方一致同意，议事会决定通过' : '并非出席各方均同意，议事会决定未通过'}。`,
      en: `${headEn}: ${counts.for.units} for, ${counts.against.units} against, ${counts.abstain.units} abstaining. Result: ${passed ? 'every party present agreed; passed' : 'not every party present agreed; failed'}.`,
    },
  };
}

function planExplanation(
  result: { passed: boolean },
  plans: PlanResult,
  ruleZh: string,
): Explanation {
  const list = plans.options
    .map((o) => `方案${o.index + 1}「${o.title}」${o.answers} 票`)
    .join('，');
  const listEn = plans.options.map((o) => `option ${o.index}: ${o.answers}`).join(', ');
  const tie = plans.tie;
  const verdictZh =
    plans.winner !== null
      ? `方案${plans.winner + 1}「${plans.options[plans.winner]?.title ?? ''}」胜出`
      : tie !== null
        ? `方案${tie.map((i) => i + 1).join('、')} 票数相同（平局），未能选定方案，须重新表决`
        : '没有方案获得通过';
  const verdictEn =
    plans.winner !== null
      ? `option ${plans.winner} wins`
      : tie !== null
        ? `options ${tie.join(', ')} are tied: no plan chosen`
        : 'no option passed';
  return {
    zh: `按${ruleZh}在备选方案中选择：${list}。结论：${verdictZh}，决议${result.passed ? '通过' : '未通过'}。`,
    en: `Choosing among plans (${listEn}). Result: ${verdictEn}; ${result.passed ? 'passed' : 'failed'}.`,
  };
}
