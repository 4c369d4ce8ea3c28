/**
 * The ledger as CSV (GET /communities/:id/demands with `Accept: text/csv`): for Excel and WPS,
 * Chinese headers, labels for statuses, categories and sources, times in China Standard Time in
 * Chinese form, and 已超时 for a demand overdue when the file was made.
 */
import {
  DEMAND_CATEGORY_LABELS,
  DEMAND_SOURCE_LABELS,
  DEMAND_STATUS_LABELS,
  formatChineseTime,
  RATING_LABELS,
  type DemandCategory,
  type LedgerSource,
  type Rating,
} from '@yishi/domain';
import { csvFile, type CsvCell } from '@yishi/platform';
import { type DemandListItem } from './list-demands/demand-list';

export const DEMANDS_CSV_HEADER = [
  '诉求编号',
  '受理时间',
  '类别',
  '诉求内容',
  '状态',
  '网格',
  '小区',
  '楼栋',
  '渠道',
  '签收时间',
  '办理期限',
  '超时',
  '销号时间',
  '重复诉求（次）',
  '评价',
] as const;

const time = (iso: string | null): string => (iso === null ? '' : formatChineseTime(iso));

export function demandsCsv(
  items: readonly DemandListItem[],
  gridNames: ReadonlyMap<string, string>,
): string {
  const rows: CsvCell[][] = items.map((d) => [
    d.number,
    time(d.receivedAt),
    DEMAND_CATEGORY_LABELS[d.category as DemandCategory] ?? d.category,
    d.content,
    DEMAND_STATUS_LABELS[d.status],
    d.gridId === null ? '社区（未划网格）' : (gridNames.get(d.gridId) ?? ''),
    d.estate ?? '',
    d.building ?? '',
    DEMAND_SOURCE_LABELS[d.source as LedgerSource] ?? d.source,
    time(d.acceptedAt),
    time(d.dueAt),
    d.overdue ? '已超时' : '',
    time(d.closedAt),
    d.reopenings,
    d.rating === null ? '' : (RATING_LABELS[d.rating as Rating] ?? d.rating),
  ]);
  return csvFile([[...DEMANDS_CSV_HEADER], ...rows]);
}
