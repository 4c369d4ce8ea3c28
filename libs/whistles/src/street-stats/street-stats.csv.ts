/**
 * The street's and the district's figures as CSV (csvFile: UTF-8 with BOM, Chinese headers): the
 * departments (or streets) ranked with the whole street's (district's) row, the same month by
 * month, then the communities' yardsticks side by side (the ledger's columns as the community
 * export has them, then the case rates). Each rate is followed by its base; hours to one decimal;
 * months and the range in Chinese form.
 */
import {
  CASE_FIGURES_CSV_HEADER,
  caseFiguresCsvCells,
  DEMAND_FIGURES_CSV_HEADER,
  demandFiguresCsvRow,
} from '@yishi/cases';
import { formatChineseTime } from '@yishi/domain';
import { csvFile, csvPercent, type CsvCell } from '@yishi/platform';
import { type WhistleFigures } from './street-figures';
import {
  type CommunityYardsticks,
  type DistrictStats,
  type MonthFigures,
  type StreetStats,
} from './street-stats.queries';

const hours = (h: number | null): number | null => (h === null ? null : Math.round(h * 10) / 10);

const FIGURES_HEADER = [
  '收到吹哨',
  '已签收',
  '按时签收',
  '按时签收率(%)',
  '按时签收率基数',
  '平均报到用时(小时)',
  '报到件数',
  '平均反馈用时(小时)',
  '反馈件数',
  '满意',
  '基本满意',
  '不满意',
  '满意率(%)',
  '评价次数',
  '流转',
];

function figures(f: WhistleFigures): CsvCell[] {
  return [
    f.received,
    f.accepted,
    f.acceptedOnTime,
    csvPercent(f.onTimeAcceptanceRate.rate),
    f.onTimeAcceptanceRate.denominator,
    hours(f.averageHoursToCheckIn.hours),
    f.averageHoursToCheckIn.n,
    hours(f.averageHoursToAnswer.hours),
    f.averageHoursToAnswer.n,
    f.ratings.satisfied,
    f.ratings.basicallySatisfied,
    f.ratings.dissatisfied,
    csvPercent(f.satisfactionRate.rate),
    f.satisfactionRate.denominator,
    f.passedOn,
  ];
}

interface Range {
  readonly from: string | null;
  readonly to: string | null;
}

/** A CST month as people read it: 2026-11 → 2026年11月. */
const monthText = (month: string): string => {
  const [year, m] = month.split('-');
  return `${year}年${Number(m)}月`;
};

const when = (iso: string | null): string | null => (iso === null ? null : formatChineseTime(iso));

type Ranked = WhistleFigures & {
  readonly name: string;
  readonly rank: number;
  readonly byMonth: readonly MonthFigures[];
};

/** The ranked table and its months, with the whole's rows (`whole`, unranked) last. */
function rankedRows(
  kind: string,
  range: Range,
  rows: readonly Ranked[],
  whole: { readonly name: string } & WhistleFigures & { readonly byMonth: readonly MonthFigures[] },
): CsvCell[][] {
  return [
    ['排名', kind, '统计起', '统计止', ...FIGURES_HEADER],
    ...rows.map((r) => [r.rank, r.name, when(range.from), when(range.to), ...figures(r)]),
    [null, whole.name, when(range.from), when(range.to), ...figures(whole)],
    [],
    ['月份', kind, ...FIGURES_HEADER],
    ...[...rows, whole].flatMap((r) =>
      r.byMonth.map((m) => [monthText(m.month), r.name, ...figures(m)]),
    ),
  ];
}

function communityRow(
  name: string,
  range: Range,
  c: Omit<CommunityYardsticks, 'communityId' | 'name'>,
): CsvCell[] {
  return [
    ...demandFiguresCsvRow(name, range.from, range.to, c.demands),
    ...caseFiguresCsvCells(c.cases),
  ];
}

const COMMUNITIES_HEADER = [...DEMAND_FIGURES_CSV_HEADER, ...CASE_FIGURES_CSV_HEADER];

export function streetStatsCsv(s: StreetStats): string {
  return csvFile([
    ...rankedRows('部门', s, s.departments, { name: `${s.name}（全街道）`, ...s.total }),
    [],
    COMMUNITIES_HEADER,
    ...s.communities.map((c) => communityRow(c.name, s, c)),
  ]);
}

export function districtStatsCsv(d: DistrictStats): string {
  return csvFile([
    ...rankedRows('街道', d, d.streets, { name: `${d.district}（全区县）`, ...d.total }),
    [],
    COMMUNITIES_HEADER,
    ...d.streets.map((s) =>
      communityRow(`${s.name}（${s.communities.count}个社区）`, d, s.communities),
    ),
  ]);
}
