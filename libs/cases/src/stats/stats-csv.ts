import { formatChineseTime, PARTIES, PARTY_LABELS, STAGE_LABELS, STAGES } from '@yishi/domain';
import { csvFile, csvPercent, type CsvCell } from '@yishi/platform';
import { type CountedRate, type Stats } from './stats';
import { type CommunityStats } from './stats-query';

const days = (d: number | null): number | null => (d === null ? null : Math.round(d * 100) / 100);

/** The case yardsticks' columns, here and in the street's and district's exports. */
export const CASE_FIGURES_CSV_HEADER = [
  '新增案件',
  '办理中',
  '已销号',
  '办结率(%)',
  '办结率基数(立项减撤回)',
  '满意率(%)',
  '评价户次',
  '按时签收率(%)',
  '应签收次数',
];

/** The cells under CASE_FIGURES_CSV_HEADER; each rate followed by its base. */
export function caseFiguresCsvCells(c: {
  readonly opened: number;
  readonly open: number;
  readonly closed: number;
  readonly closureRate: CountedRate;
  readonly satisfactionRate: CountedRate;
  readonly onTimeAcknowledgementRate: CountedRate;
}): CsvCell[] {
  return [
    c.opened,
    c.open,
    c.closed,
    csvPercent(c.closureRate.rate),
    c.closureRate.denominator,
    csvPercent(c.satisfactionRate.rate),
    c.satisfactionRate.denominator,
    csvPercent(c.onTimeAcknowledgementRate.rate),
    c.onTimeAcknowledgementRate.denominator,
  ];
}

const HEADER = [
  '范围',
  '统计起',
  '统计止',
  ...CASE_FIGURES_CSV_HEADER,
  '吹哨次数',
  '已解决(办结)',
  '未解决',
  '已撤回',
  '参评不足(未评价)',
  ...STAGES.map((s) => `${STAGE_LABELS[s]}平均工作日`),
  ...PARTIES.flatMap((p) => [
    `${PARTY_LABELS[p]}按时签收率(%)`,
    `${PARTY_LABELS[p]}应签收次数`,
    `${PARTY_LABELS[p]}被吹哨次数`,
    `${PARTY_LABELS[p]}一哨一评满意率(%)`,
    `${PARTY_LABELS[p]}已评吹哨次数`,
  ]),
];

function row(scope: string, from: string | null, to: string | null, s: Stats): CsvCell[] {
  return [
    scope,
    // The range as people read it (China Standard Time), not the ISO instants of the query.
    from === null ? null : formatChineseTime(from),
    to === null ? null : formatChineseTime(to),
    ...caseFiguresCsvCells({ ...s.cases, ...s.rates }),
    s.escalations,
    s.endStates.resolved,
    s.endStates.unresolved,
    s.endStates.withdrawn,
    s.endStates.unevaluated,
    ...STAGES.map((st) => days(s.averageDaysPerStage[st])),
    ...s.parties.flatMap((p) => [
      csvPercent(p.rates.onTimeAcknowledgementRate.rate),
      p.rates.onTimeAcknowledgementRate.denominator,
      p.escalations,
      csvPercent(p.rates.ratingSatisfactionRate.rate),
      p.rates.ratingSatisfactionRate.denominator,
    ]),
  ];
}

/**
 * The statistics as CSV (csvFile): Chinese headers; one row for the whole scope, one per estate.
 * Each rate is followed by its base (the denominator it rests on); 办结 is resolved only.
 */
export function statsCsv(stats: CommunityStats, communityName: string): string {
  return csvFile(statsCsvRows(stats, communityName));
}

/** statsCsv's rows, header first, for a file that adds tables of its own. */
export function statsCsvRows(stats: CommunityStats, communityName: string): CsvCell[][] {
  return [
    HEADER,
    row(stats.estate ?? `${communityName}（全社区）`, stats.from, stats.to, stats),
    ...stats.estates.map((e) => row(e.estate, stats.from, stats.to, e)),
  ];
}
