import { type Resolution, type Tally } from '../api/types';
import { CHOICE_LABELS, PARTY_LABELS } from '../labels';

/*
 * The words of a resident poll (居民意见征询), a council (议事会决定) and a choice among plans, as
 * residents read them on the vote page (docs/procedure.md, "Decision kinds"): plain sentences from
 * GET /resolutions/:id and its tally, kept pure so they are unit-tested.
 */

type Rule = Resolution['rule'];
type Plans = Resolution['options'];

/** Whether this vote is a poll or a council (households or parties answer, not owners). */
export const isDecisionKind = (rule: Rule): boolean =>
  rule === 'resident-poll' || rule === 'council';

/** Whether the vote page shows the ballot of decisions.tsx (a kind or plans) rather than yes/no. */
export const usesDecisionBallot = (r: { rule: Rule; options?: Plans }): boolean =>
  isDecisionKind(r.rule) || (r.options?.length ?? 0) > 0;

/** 方案一 … 方案十: a plan by its place. */
export const planName = (index: number): string =>
  `方案${'一二三四五六七八九十'[index] ?? String(index + 1)}`;

/** 方案二「居民自清」. */
export function planText(options: Plans, index: number): string {
  const title = options?.[index]?.title;
  const name = planName(index);
  return title === undefined || title === name ? name : `${name}「${title}」`;
}

/** A ballot's answer as a person reads it: a plan, or 同意/反对/弃权. */
export function answerText(
  options: Plans,
  ballot: { choice: 'for' | 'against' | 'abstain' | null; option?: number | null },
): string {
  if (ballot.option !== undefined && ballot.option !== null)
    return planText(options, ballot.option);
  return ballot.choice === null ? '未答复' : CHOICE_LABELS[ballot.choice];
}

/** How it passes, in one or two sentences, for a poll or a council (the owners' rules: vote.tsx). */
export function kindRuleText(r: { rule: Rule; options?: Plans }): string | null {
  const plans = (r.options?.length ?? 0) > 0;
  if (r.rule === 'resident-poll')
    return plans
      ? '征询范围内每户答一次（租户也可以代表本户），得票最多的方案胜出；得票相同就是平票，需要重新表决。不设最低参与率。'
      : '征询范围内每户答一次（租户也可以代表本户），作答的户中同意的多于反对的就通过。不设最低参与率。';
  if (r.rule === 'council')
    return plans
      ? '议事会上已签到的各方各答一次，得到出席方最多的方案胜出；得票相同就是平票，需要重新表决。'
      : '议事会上已签到的各方各答一次，出席各方都同意，决议才通过。';
  return null;
}

/** Who answers, said on the ballot: one answer per household, or for which party. */
export function whoAnswersText(rule: Rule, unitLabel: string): string {
  if (rule === 'resident-poll')
    return `您代表「${unitLabel}」作答。每户只计一次（租户也算本户），同一户的人只要有一人答过，其他人再答不会计入；答出后不能更改。`;
  if (rule === 'council')
    return `您是议事会已签到的参会人，代表「${unitLabel}」答复。每方只答一次，答出后不能更改。`;
  return '每户只能投一次，投出后不能更改；再次投票会提示“已经投过”，不会重复计票。';
}

/** How many have answered so far: households for a poll, parties for a council. */
export function answeredText(rule: Rule, answered: number, of: number): string | null {
  if (rule === 'resident-poll') return `征询范围内共 ${of} 户，已有 ${answered} 户作答。`;
  if (rule === 'council') return `出席议事会的共 ${of} 方，已有 ${answered} 方答复。`;
  return null;
}

/** 平票：方案一、方案三，需重新表决; null without a tie. */
export function tieText(tally: Pick<Tally, 'tie'>): string | null {
  const tie = tally.tie ?? null;
  if (tie === null || tie.length === 0) return null;
  return `平票：${tie.map(planName).join('、')}，需重新表决。`;
}

/** The winning plan with its count, or null. */
export function winnerText(tally: Pick<Tally, 'winner' | 'options'>, open: boolean): string | null {
  const winner = tally.winner ?? null;
  if (winner === null) return null;
  const plans = tally.options?.map((o) => ({ title: o.title }));
  const answers = tally.options?.find((o) => o.index === winner)?.answers ?? 0;
  return `${open ? '目前领先' : '胜出'}：${planText(plans, winner)}（${answers} 票）。`;
}

/** 参与户数 / 总户数, never a quorum. */
export function pollTurnoutText(turnout: NonNullable<Tally['turnout']>): string {
  const percent = turnout.percent === null ? '' : `（${turnout.percent}%）`;
  return `参与户数 / 总户数：${turnout.answers} / ${turnout.households}${percent}。居民意见征询不设最低参与率，按作答的意见计。`;
}

/** 党组织：同意（王某）, one line per party present at the council. */
export function partyLines(
  tally: Pick<Tally, 'parties' | 'options'>,
  nameOf: (userId: string) => string,
): string[] {
  const plans = tally.options?.map((o) => ({ title: o.title }));
  return (tally.parties ?? []).map((p) => {
    const party = PARTY_LABELS[p.party as keyof typeof PARTY_LABELS] ?? p.party;
    if (p.answeredBy === null) return `${party}：尚未答复`;
    return `${party}：${answerText(plans, p)}（${nameOf(p.answeredBy)}答复）`;
  });
}

/** 同意的各方：党组织（王某）、居民代表（李某）; null when none agreed. */
export function agreedText(
  tally: Pick<Tally, 'agreed'>,
  nameOf: (userId: string) => string,
): string | null {
  const agreed = tally.agreed ?? [];
  if (agreed.length === 0) return null;
  const names = agreed.map(
    (a) =>
      `${PARTY_LABELS[a.party as keyof typeof PARTY_LABELS] ?? a.party}（${nameOf(a.userId)}）`,
  );
  return `同意的各方：${names.join('、')}。`;
}

/** The ballot's card: 我要作答 / 本户的作答 for a poll, 我要答复 / 本方的答复 for a council. */
export function ballotHeading(rule: Rule, todo: boolean): string {
  if (rule === 'resident-poll') return todo ? '我要作答' : '本户的作答';
  if (rule === 'council') return todo ? '我要答复' : '本方的答复';
  return todo ? '我要投票' : '我的投票';
}
