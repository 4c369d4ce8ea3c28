import { useCallback, useEffect, useState } from 'react';
import { type DemandCategory, type DemandStatus, type LedgerSource } from '../../api/types';
import { DEMAND_CATEGORY_LABELS, DEMAND_STATUS_LABELS, SOURCE_LABELS } from '../../labels';

/*
 * The ledger's filters, held in the address (`/ledger?status=received&overdue=1&page=2`), so a
 * reload or a shared link shows the same rows; and the query of GET /communities/:id/demands they
 * make. Values the app does not know are dropped, never sent (the API would refuse them).
 */

export const PAGE_SIZE = 20;

export type LedgerSort = 'due' | 'received';

export interface LedgerFilters {
  /** Words of the content or (part of) the number. */
  q: string;
  status: DemandStatus | '';
  gridId: string;
  category: DemandCategory | '';
  source: LedgerSource | '';
  overdue: boolean;
  /** Received from / to, days `YYYY-MM-DD` in China Standard Time, both included; '' no bound. */
  from: string;
  to: string;
  /** `due` (the API's: overdue first) unless the secretary asks for the newest first. */
  sort: LedgerSort;
  /** 1-based. */
  page: number;
}

export const NO_FILTERS: LedgerFilters = {
  q: '',
  status: '',
  gridId: '',
  category: '',
  source: '',
  overdue: false,
  from: '',
  to: '',
  sort: 'due',
  page: 1,
};

export const STATUSES = Object.keys(DEMAND_STATUS_LABELS) as DemandStatus[];
export const CATEGORIES = Object.keys(DEMAND_CATEGORY_LABELS) as DemandCategory[];
export const SOURCES = Object.keys(SOURCE_LABELS) as LedgerSource[];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | '' =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : '';

/** The filters an address's query holds. */
export function filtersOf(search: string): LedgerFilters {
  const p = new URLSearchParams(search);
  const page = Number(p.get('page') ?? '1');
  const day = (name: string) => {
    const v = p.get(name) ?? '';
    return DAY.test(v) ? v : '';
  };
  const grid = p.get('grid') ?? '';
  return {
    q: (p.get('q') ?? '').slice(0, 50),
    status: oneOf(STATUSES, p.get('status')),
    gridId: UUID.test(grid) ? grid : '',
    category: oneOf(CATEGORIES, p.get('category')),
    source: oneOf(SOURCES, p.get('source')),
    overdue: p.get('overdue') === '1',
    from: day('from'),
    to: day('to'),
    sort: p.get('sort') === 'received' ? 'received' : 'due',
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The address's query for the filters: only what differs from none, '' for none. */
export function searchOf(f: LedgerFilters): string {
  const p = new URLSearchParams();
  if (f.q !== '') p.set('q', f.q);
  if (f.status !== '') p.set('status', f.status);
  if (f.gridId !== '') p.set('grid', f.gridId);
  if (f.category !== '') p.set('category', f.category);
  if (f.source !== '') p.set('source', f.source);
  if (f.overdue) p.set('overdue', '1');
  if (f.from !== '') p.set('from', f.from);
  if (f.to !== '') p.set('to', f.to);
  if (f.sort !== 'due') p.set('sort', f.sort);
  if (f.page > 1) p.set('page', String(f.page));
  const text = p.toString();
  return text === '' ? '' : `?${text}`;
}

/** Is anything filtered (the sort and the page are not filters)? */
export const filtered = (f: LedgerFilters): boolean =>
  searchOf({ ...f, sort: 'due', page: 1 }) !== '';

/** The start of a day in China Standard Time, as an instant. */
const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
const nextDayStart = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * The API's query for the filters: one page of them, or (`paged: false`) every row, for the CSV.
 * "To" is inclusive for people: the range ends at the start of the next day.
 */
export function apiQuery(f: LedgerFilters, options: { paged: boolean }): string {
  const p = new URLSearchParams();
  if (f.q.trim() !== '') p.set('q', f.q.trim());
  if (f.status !== '') p.set('status', f.status);
  if (f.gridId !== '') p.set('gridId', f.gridId);
  if (f.category !== '') p.set('category', f.category);
  if (f.source !== '') p.set('source', f.source);
  if (f.overdue) p.set('overdue', 'true');
  if (f.from !== '') p.set('from', dayStart(f.from));
  if (f.to !== '') p.set('to', nextDayStart(f.to));
  p.set('sort', f.sort);
  if (options.paged) {
    p.set('limit', String(PAGE_SIZE));
    p.set('offset', String((f.page - 1) * PAGE_SIZE));
  }
  return `?${p.toString()}`;
}

/**
 * The filters of the address, and a setter that writes them back (replacing the entry: a filter
 * is not a page to go back to). Back and forward to another ledger address are followed.
 */
export function useLedgerFilters(): [LedgerFilters, (next: LedgerFilters) => void] {
  const [filters, setFilters] = useState(() => filtersOf(window.location.search));
  useEffect(() => {
    const follow = () => setFilters(filtersOf(window.location.search));
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, []);
  const set = useCallback((next: LedgerFilters) => {
    setFilters(next);
    window.history.replaceState(null, '', `${window.location.pathname}${searchOf(next)}`);
  }, []);
  return [filters, set];
}
