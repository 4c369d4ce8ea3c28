/**
 * The demands ledger's table of the statistics CSV (below the cases'): one row for the whole
 * scope, then one per grid, category, estate and property company (its estates in brackets; the
 * estates that name none as 未登记物业); each rate followed by its base (the denominator it rests
 * on), as in the cases' table.
 */
import { DEMAND_CATEGORY_LABELS, formatChineseTime, type DemandCategory } from '@yishi/domain';
import { csvPercent, type CsvCell } from '@yishi/platform';
import { type DemandFigures, type DemandStats } from '../read-stats/demand-stats.query';

/** How the estates that name no property company are labelled (web and CSV). */
export const UNREGISTERED_COMPANY = '未登记物业';

const HEADER = [
  '诉求范围',
  '统计起',
  '统计止',
  '受理诉求',
  '已销号',
  '响应率(%)',
  '响应率基数',
  '解决率(%)',
  '解决率基数',
  '满意率(%)',
  '评价次数',
  '24小时签收率(%)',
  '24小时签收率基数',
  '7日办结率(%)',
  '7日办结率基数',
  '重复诉求(重新办理次数)',
];

function row(scope: string, from: string | null, to: string | null, f: DemandFigures): CsvCell[] {
  return [
    scope,
    from === null ? null : formatChineseTime(from),
    to === null ? null : formatChineseTime(to),
    f.received,
    f.closed,
    csvPercent(f.responseRate),
    f.bases.responseRate.denominator,
    csvPercent(f.resolutionRate),
    f.bases.resolutionRate.denominator,
    csvPercent(f.satisfactionRate),
    f.bases.satisfactionRate.denominator,
    csvPercent(f.acceptedWithin24hRate),
    f.bases.acceptedWithin24hRate.denominator,
    csvPercent(f.closedWithin7DaysRate),
    f.bases.closedWithin7DaysRate.denominator,
    f.reopened,
  ];
}

/** The rows, header first; grids by name (`gridNames`, in their order), categories by label. */
export function demandStatsCsvRows(
  demands: DemandStats,
  scope: string,
  range: { readonly from: string | null; readonly to: string | null },
  gridNames: ReadonlyMap<string, string>,
): CsvCell[][] {
  const { from, to } = range;
  const ids = [...gridNames.keys()];
  const order = (id: string) => (ids.includes(id) ? ids.indexOf(id) : ids.length);
  return [
    HEADER,
    row(scope, from, to, demands),
    ...[...demands.byGrid]
      .sort((x, y) => order(x.gridId) - order(y.gridId))
      .map((g) => row(`网格：${gridNames.get(g.gridId) ?? g.gridId}`, from, to, g)),
    ...demands.byCategory.map((c) =>
      row(
        `类别：${DEMAND_CATEGORY_LABELS[c.category as DemandCategory] ?? c.category}`,
        from,
        to,
        c,
      ),
    ),
    ...demands.byEstate.map((e) => row(`小区：${e.estate}`, from, to, e)),
    ...demands.byPropertyCompany.map((p) =>
      row(
        `物业：${p.propertyCompany ?? UNREGISTERED_COMPANY}（${p.estates.join('、')}）`,
        from,
        to,
        p,
      ),
    ),
  ];
}

/** The header and a row of the ledger's table, for a file that lays its own groups out (a street's). */
export { HEADER as DEMAND_FIGURES_CSV_HEADER, row as demandFiguresCsvRow };
