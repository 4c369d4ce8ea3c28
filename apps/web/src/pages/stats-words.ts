import { type Stats, type StatsRate } from '../api/types';

/*
 * The statistics page's words for its numbers: each rate with what it rests on ("基于 N 件"), and
 * the closed cases by how they ended. 办结 is a case closed resolved, nothing else.
 */

export const pct = (rate: number | null): string =>
  rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;

/** What a rate rests on, in the unit its denominator counts: "基于 6 件". */
export const basisText = (rate: StatsRate, unit: string): string =>
  `基于 ${rate.denominator} ${unit}`;

/** A rate and its base: "16.7%（基于 6 件）". */
export const rateText = (rate: StatsRate, unit: string): string =>
  `${pct(rate.rate)}（${basisText(rate, unit)}）`;

const END_STATES = [
  ['resolved', '已解决（办结）'],
  ['unresolved', '未解决'],
  ['unevaluated', '参评不足'],
  ['withdrawn', '撤回'],
] as const;

/** The closed cases by how they ended: "已解决（办结） 1 件，未解决 1 件，参评不足 2 件，撤回 1 件". */
export function endStatesText(stats: Pick<Stats, 'endStates'>): string {
  const counts = stats.endStates;
  return END_STATES.map(([key, label]) => `${label} ${counts?.[key] ?? 0} 件`).join('，');
}

/** 办结: the cases closed resolved. */
export const resolvedOf = (stats: Pick<Stats, 'endStates'>): number =>
  stats.endStates?.resolved ?? 0;
