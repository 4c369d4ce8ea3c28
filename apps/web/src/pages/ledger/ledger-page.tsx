import { type ReactNode, useCallback, useState } from 'react';
import { api, apiFile, saveFile } from '../../api/client';
import { datedFileName } from '../../api/file-name';
import { type Grid, type LedgerDemand } from '../../api/types';
import { useSession } from '../../session';
import { ActionNote, Empty, ErrorBox, Loading, useAction, useLoad } from '../../ui';
import { EscalateDialog } from './escalate-dialog';
import { ImportDialog } from './import-dialog';
import { LedgerFilterForm } from './ledger-filter-form';
import {
  apiQuery,
  filtered,
  type LedgerFilters,
  type LedgerList,
  NO_FILTERS,
  totalText,
  useLedgerFilters,
} from './ledger-query';
import { LedgerTable } from './ledger-table';
import { MergeDialog } from './merge-dialog';
import './ledger.css';

/** The most rows one CSV export holds (the API's own cap when no limit is given). */
const CSV_ROWS = 10_000;

type Open = 'escalate' | 'merge' | 'import' | null;

/** Rows shown: the first page, and those 加载更多 added after it (by the API's cursor). */
interface Shown {
  /** The first page they follow; another first page (a filter, a reload) starts again. */
  readonly after: LedgerList;
  readonly items: readonly LedgerDemand[];
  readonly nextCursor: string | null;
}

/**
 * 诉求台账, the secretary's ledger (GET /communities/:id/demands): every demand of the community,
 * the overdue first, filtered and searched with the filters in the address, 20 rows at first and
 * 20 more at each 加载更多 (the API's keyset cursor, as fast deep in the ledger as at its top); the
 * CSV of the same rows; and the secretary's work on several at once: 转议事 into one case, 合并重复,
 * and the 12345 hotline's tickets imported. One demand's own page (/demands/:id) is where it is
 * handled.
 */
export function LedgerPage() {
  const session = useSession();
  const { membership } = session;
  const communityId = membership?.communityId ?? '';
  const secretary = session.has('secretary');
  const [filters, setFilters] = useLedgerFilters();
  const query = apiQuery(filters, { paged: true });
  const [list, reloadList] = useLoad(
    (signal) => api<LedgerList>(`/communities/${communityId}/demands${query}`, { signal }),
    [communityId, query],
  );
  const [more, setMore] = useState<Shown | null>(null);
  const loadingMore = useAction();
  const [grids] = useLoad(
    (signal) => api<{ items: Grid[] }>(`/communities/${communityId}/grids`, { signal }),
    [communityId],
  );
  const [overdue, reloadOverdue] = useLoad(
    async (signal) =>
      totalText(
        await api<LedgerList>(`/communities/${communityId}/demands?overdue=true&limit=1`, {
          signal,
        }),
      ),
    [communityId],
  );
  const [chosen, setChosen] = useState<ReadonlyMap<string, LedgerDemand>>(new Map());
  const [open, setOpen] = useState<Open>(null);
  const [note, setNote] = useState<string | null>(null);
  const exporting = useAction();
  const close = useCallback(() => setOpen(null), []);
  const reload = useCallback(() => {
    reloadList();
    reloadOverdue();
  }, [reloadList, reloadOverdue]);

  if (membership === null)
    return (
      <section>
        <h1>诉求台账</h1>
        <Empty>您还不是任何社区的成员。</Empty>
      </section>
    );

  const gridList = grids.state === 'ready' ? grids.value.items : [];
  const gridNames = new Map(gridList.map((g) => [g.id, g.name]));
  const picked = [...chosen.values()];
  const toggle = (demand: LedgerDemand, on: boolean) =>
    setChosen((current) => {
      const next = new Map(current);
      if (on) next.set(demand.id, demand);
      else next.delete(demand.id);
      return next;
    });
  const first = list.state === 'ready' ? list.value : null;
  const shown: Shown | null =
    first === null
      ? null
      : more !== null && more.after === first
        ? more
        : { after: first, items: first.items, nextCursor: first.nextCursor };
  const loadMore = (from: Shown, cursor: string) =>
    void loadingMore.run(async () => {
      const page = await api<LedgerList>(
        `/communities/${communityId}/demands${apiQuery(filters, { paged: true, cursor })}`,
      );
      setMore({ ...from, items: [...from.items, ...page.items], nextCursor: page.nextCursor });
    });
  const nextCursor = shown?.nextCursor ?? null;
  const total = first?.total ?? 0;
  const exact = first?.totalExact ?? true;
  const exportCsv = () =>
    void exporting.run(
      async () => {
        const file = await apiFile(
          `/communities/${communityId}/demands${apiQuery(filters, { paged: false })}`,
          { accept: 'text/csv' },
        );
        saveFile(file.blob, datedFileName(membership.communityName, '诉求台账', 'csv'));
      },
      !exact
        ? `已导出 CSV 文件（超过 ${total} 件，一次最多导出 ${CSV_ROWS} 件；如有缺漏请缩小筛选范围分批导出）`
        : total > CSV_ROWS
          ? `已导出 CSV 文件（前 ${CSV_ROWS} 件；共 ${total} 件，请缩小筛选范围分批导出）`
          : `已导出 CSV 文件（${total} 件）`,
    );

  return (
    <section className="ledger">
      <div className="page-head">
        <h1>诉求台账</h1>
        <div className="row">
          {secretary ? (
            <button type="button" className="button secondary" onClick={() => setOpen('import')}>
              导入12345工单
            </button>
          ) : null}
          <button
            type="button"
            className="button secondary"
            disabled={exporting.pending || total === 0}
            onClick={exportCsv}
          >
            {exporting.pending ? '正在导出…' : '导出 CSV'}
          </button>
        </div>
      </div>
      <ActionNote error={exporting.error} done={exporting.done} />
      {overdue.state === 'ready' && overdue.value !== '0' && !filters.overdue ? (
        <div className="note overdue-note" role="status">
          <span>
            有 <strong>{overdue.value}</strong> 件诉求已超时，请尽快督办。
          </span>
          <button
            type="button"
            className="button secondary"
            onClick={() => setFilters({ ...filters, overdue: true })}
          >
            只看已超时
          </button>
        </div>
      ) : null}
      <LedgerFilterForm filters={filters} grids={gridList} onChange={setFilters} />
      {note === null ? null : <ActionNote error={null} done={note} />}
      {secretary ? (
        <div className="selection-bar" role="group" aria-label="选中的诉求">
          <span data-testid="selection-count">
            {picked.length === 0
              ? '勾选诉求后可转议事或合并重复'
              : `已选 ${picked.length} 件：${picked.map((d) => d.number).join('、')}`}
          </span>
          <div className="row">
            <button
              type="button"
              className="button primary"
              disabled={picked.length === 0}
              onClick={() => setOpen('escalate')}
            >
              转议事
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={picked.length < 2}
              onClick={() => setOpen('merge')}
            >
              合并重复
            </button>
            {picked.length > 0 ? (
              <button type="button" className="link-button" onClick={() => setChosen(new Map())}>
                取消选择
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {list.state === 'loading' ? <Loading text="正在读取诉求台账…" /> : null}
      {list.state === 'error' ? <ErrorBox message={list.message} onRetry={reloadList} /> : null}
      {first !== null && shown !== null ? (
        <Rows
          first={first}
          shown={shown.items.length}
          filters={filters}
          onClear={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}
          secretary={secretary}
        >
          <LedgerTable
            items={shown.items}
            gridNames={gridNames}
            selection={secretary ? { chosen: new Set(chosen.keys()), toggle } : null}
          />
          <ActionNote error={loadingMore.error} done={null} />
          {nextCursor === null ? null : (
            <nav className="pager row" aria-label="更多诉求">
              <button
                type="button"
                className="button secondary"
                disabled={loadingMore.pending}
                onClick={() => loadMore(shown, nextCursor)}
              >
                {loadingMore.pending ? '正在加载…' : '加载更多'}
              </button>
            </nav>
          )}
        </Rows>
      ) : null}
      {open === 'escalate' ? (
        <EscalateDialog communityId={communityId} demands={picked} onClose={close} />
      ) : null}
      {open === 'merge' ? (
        <MergeDialog
          demands={picked}
          onClose={close}
          onMerged={(text) => {
            setOpen(null);
            setChosen(new Map());
            setNote(text);
            reload();
          }}
        />
      ) : null}
      {open === 'import' ? (
        <ImportDialog communityId={communityId} onClose={close} onImported={reload} />
      ) : null}
    </section>
  );
}

/** The rows with their count, or what to do when there are none. */
function Rows(props: {
  first: LedgerList;
  /** Rows on screen: the first page and those added by 加载更多. */
  shown: number;
  filters: LedgerFilters;
  onClear: () => void;
  secretary: boolean;
  children: ReactNode;
}) {
  const { first, filters } = props;
  if (first.total === 0 && !filtered(filters))
    return (
      <Empty>
        台账里还没有诉求。居民在手机上提交、网格员走访或巡查登记的诉求都会出现在这里
        {props.secretary ? '；也可以点上方“导入12345工单”导入热线工单' : ''}。
      </Empty>
    );
  if (first.total === 0)
    return (
      <div className="state state-empty">
        <p>没有符合条件的诉求。可以换个搜索词或放宽筛选条件。</p>
        <button type="button" className="button secondary" onClick={props.onClear}>
          清除筛选，看全部诉求
        </button>
      </div>
    );
  return (
    <>
      <p className="summary" role="status" data-testid="ledger-total">
        共 {totalText(first)} 件
        {props.shown < first.total || !first.totalExact ? `，已显示 ${props.shown} 件` : ''}
      </p>
      {props.children}
    </>
  );
}
