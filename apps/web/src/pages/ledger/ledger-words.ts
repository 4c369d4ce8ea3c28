import { type DemandStatus, type LedgerDemand } from '../../api/types';
import { formatTime } from '../../labels';

/* The ledger's words for a row: its deadline, its grid and its place; and errors with particulars. */

/** What the secretary can still act on: escalate (转议事) or merge (合并). */
export const OPEN_STATUSES: readonly DemandStatus[] = [
  'received',
  'accepted',
  'assigned',
  'refused',
  'resolved',
];

export const isOpen = (d: Pick<LedgerDemand, 'status'>): boolean =>
  OPEN_STATUSES.includes(d.status);

/**
 * The deadline a demand waits on: a received one its acceptance (签收, or the hotline's earlier
 * deadline), an open one its handling (办结); a closed one when it was struck off. `time` is null
 * for a demand that waits on nothing any more (withdrawn, merged).
 */
export function deadlineOf(d: LedgerDemand): { label: string; time: string | null } {
  switch (d.status) {
    case 'received': {
      const accept = d.acceptDueAt;
      return accept !== null && Date.parse(accept) <= Date.parse(d.dueAt)
        ? { label: '签收期限', time: formatTime(accept) }
        : { label: '办结期限', time: formatTime(d.dueAt) };
    }
    case 'accepted':
    case 'assigned':
    case 'refused':
    case 'resolved':
    case 'in-case':
      return { label: '办结期限', time: formatTime(d.dueAt) };
    case 'closed':
      return { label: '销号于', time: formatTime(d.closedAt) };
    case 'withdrawn':
    case 'merged':
      return { label: '—', time: null };
  }
}

/** The grid's name; a demand with no grid is the community's (the secretary's). */
export function gridName(gridId: string | null, names: ReadonlyMap<string, string>): string {
  if (gridId === null) return '社区（未划网格）';
  return names.get(gridId) ?? '—';
}

/** Estate and building, or null for a demand with no place. */
export function placeText(d: Pick<LedgerDemand, 'estate' | 'building'>): string | null {
  const parts = [d.estate, d.building].filter((p): p is string => p !== null && p !== '');
  return parts.length === 0 ? null : parts.join(' ');
}
