import { useCallback, useEffect, useState } from 'react';
import {
  type DemandCategory,
  type DemandStatus,
  type LedgerDemand,
  type LedgerSource,
  type Page,
} from '../../api/types';
import { DEMAND_CATEGORY_LABELS, DEMAND_STATUS_LABELS, SOURCE_LABELS } from '../../labels';

/*
 * The ledger's filters, held in the address (`/ledger?status=received&overdue=1`), so a reload or a
 * shared link shows the same rows; and the query of GET /communities/:id/demands they make. Values
 * the app does not know are dropped, never sent (the API would refuse them).
 */

/** Rows the ledger shows first, and adds at each 加载更多. */
export const PAGE_SIZE = 20;

/**
 * One page of the ledger: `total` exact when `totalExact` (else more than 1,000 match: "1000+"),
 * and the cursor of the next page (null on the last).
 */
export interface LedgerList extends Page<LedgerDemand> {
  totalExact: boolean;
  nextCursor: string | null;
}

/** `35`, or `1000+` when the API stopped counting. */
export const totalText = (list: Pick<LedgerList, 'total' | 'totalExact'>): string =>
  `${list.total}${list.totalExact ? '' : '+'}`;

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
  const text = p.toString();
  return text === '' ? '' : `?${text}`;
}

/** Is anything filtered (the sort is not a filter)? */
export const filtered = (f: LedgerFilters): boolean => searchOf({ ...f, sort: 'due' }) !== '';

/** The start of a day in China Standard Time, as an instant. */
const dayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
const nextDayStart = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();

/**
 * The API's query for the filters: the first page of them, or the page at `cursor` (a page's
 * `nextCursor`), or (`paged: false`) every row, for the CSV. "To" is inclusive for people: the
 * range ends at the start of the next day.
 */
export function apiQuery(f: LedgerFilters, options: { paged: boolean; cursor?: string }): string {
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
  if (options.paged) p.set('limit', String(PAGE_SIZE));
  if (options.paged && options.cursor !== undefined) p.set('cursor', options.cursor);
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
