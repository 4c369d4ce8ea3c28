import { type DemandRateName, type Stats, type StatsBase, type StatsRate } from '../api/types';

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

/**
 * The ledger's yardsticks (docs/demands.md, "The yardsticks"), in the order the page shows them:
 * the name, what the numerator counts (after "12/15"), and how both are counted.
 */
export const DEMAND_RATES: readonly {
  name: DemandRateName;
  label: string;
  counted: string;
  definition: string;
}[] = [
  {
    name: 'responseRate',
    label: '响应率',
    counted: '件按期签收',
    definition: '按期签收的诉求 ÷ 已签收或已过签收期限的诉求',
  },
  {
    name: 'resolutionRate',
    label: '解决率',
    counted: '件满意销号',
    definition: '居民评价满意或基本满意后销号的 ÷ 已关闭或已过办理期限的诉求',
  },
  {
    name: 'satisfactionRate',
    label: '满意率',
    counted: '次评价为满意或基本满意',
    definition: '满意和基本满意的评价 ÷ 收到的评价（未评价的不计；每次重新办理后的评价都计）',
  },
  {
    name: 'acceptedWithin24hRate',
    label: '24小时内签收',
    counted: '件在受理后24小时内签收',
    definition: '受理后24小时内签收的 ÷ 已签收或受理已满24小时的诉求',
  },
  {
    name: 'closedWithin7DaysRate',
    label: '7日内销号',
    counted: '件在7个工作日内销号',
    definition: '受理后7个工作日内销号的 ÷ 已销号或受理已满7个工作日的诉求',
  },
];

/** A yardstick with its base, for a table cell: "80.0%（12/15）"; nothing to count: "—". */
export const demandRateCell = (rate: number | null, base: StatsBase): string =>
  base.denominator === 0 ? '—' : `${pct(rate)}（${base.numerator}/${base.denominator}）`;
