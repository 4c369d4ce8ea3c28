import { type FormEvent, useEffect, useState } from 'react';
import { type Grid } from '../../api/types';
import { DateField } from '../../date-field';
import { DEMAND_CATEGORY_LABELS, DEMAND_STATUS_LABELS, SOURCE_LABELS } from '../../labels';
import {
  CATEGORIES,
  filtered,
  type LedgerFilters,
  NO_FILTERS,
  SOURCES,
  STATUSES,
} from './ledger-query';

/**
 * The ledger's filters. A list or a box applies at once; the words apply when searched (Enter or
 * 搜索), so a half-typed word does not ask the API at every key. Any change shows the first rows.
 */
export function LedgerFilterForm(props: {
  filters: LedgerFilters;
  grids: readonly Grid[];
  onChange: (next: LedgerFilters) => void;
}) {
  const { filters, onChange } = props;
  const [words, setWords] = useState(filters.q);
  // The date fields keep a half-chosen date of their own: cleared by drawing them anew.
  const [clears, setClears] = useState(0);
  // The lists open at first on a desk, or when one is in use; on a phone the rows come first.
  const [expanded] = useState(
    () => filtered(filters) || window.matchMedia('(min-width: 901px)').matches,
  );
  // Follow the address (back, 清除筛选).
  useEffect(() => setWords(filters.q), [filters.q]);
  const apply = (patch: Partial<LedgerFilters>) => onChange({ ...filters, ...patch });
  const search = (event: FormEvent) => {
    event.preventDefault();
    apply({ q: words.trim() });
  };
  return (
    <form className="card section ledger-filters" onSubmit={search} aria-label="筛选诉求">
      <div className="search-row">
        <label className="grow">
          搜索
          <input
            type="search"
            value={words}
            maxLength={50}
            placeholder="内容中的词或编号"
            onChange={(e) => setWords(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary">
          搜索
        </button>
      </div>
      <div className="row">
        <label className="choice">
          <input
            type="checkbox"
            checked={filters.overdue}
            onChange={(e) => apply({ overdue: e.target.checked })}
          />
          只看已超时
        </label>
        {filtered(filters) ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setClears((n) => n + 1);
              onChange({ ...NO_FILTERS, sort: filters.sort });
            }}
          >
            清除筛选
          </button>
        ) : null}
      </div>
      <details className="more-filters" open={expanded}>
        <summary>更多筛选：状态、网格、类别、来源、受理日期、排序</summary>
        <div className="filter-grid">
          <label>
            状态
            <select
              value={filters.status}
              onChange={(e) => apply({ status: e.target.value as LedgerFilters['status'] })}
            >
              <option value="">全部状态</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {DEMAND_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            网格
            <select value={filters.gridId} onChange={(e) => apply({ gridId: e.target.value })}>
              <option value="">全部网格</option>
              {props.grids.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            类别
            <select
              value={filters.category}
              onChange={(e) => apply({ category: e.target.value as LedgerFilters['category'] })}
            >
              <option value="">全部类别</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {DEMAND_CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
          <label>
            来源
            <select
              value={filters.source}
              onChange={(e) => apply({ source: e.target.value as LedgerFilters['source'] })}
            >
              <option value="">全部来源</option>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            排序
            <select
              value={filters.sort}
              onChange={(e) => apply({ sort: e.target.value === 'received' ? 'received' : 'due' })}
            >
              <option value="due">超时的在前</option>
              <option value="received">新受理的在前</option>
            </select>
          </label>
        </div>
        <div className="row date-row" key={clears}>
          <DateField
            label="受理日期从"
            value={filters.from}
            onChange={(from) => {
              if (from !== filters.from) apply({ from });
            }}
          />
          <DateField
            label="到"
            value={filters.to}
            onChange={(to) => {
              if (to !== filters.to) apply({ to });
            }}
          />
        </div>
      </details>
    </form>
  );
}
