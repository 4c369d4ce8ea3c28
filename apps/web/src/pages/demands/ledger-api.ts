import { api, type RequestOptions } from '../../api/client';
import { type Unit } from '../../api/types';
import { demandWords } from '../demand-words';

/*
 * The demand pages' calls to the ledger's routes (docs/demands.md): the API's own words for a
 * refusal, the version a write answered (so the next read waits for it), a demand id made here.
 */

/** The versions writes answered, per demand: the next read asks for at least that (`minVersion`). */
const written = new Map<string, number>();

export function writtenVersion(demandId: string): number {
  return written.get(demandId) ?? 0;
}

/** A write to the ledger: refusals in the API's words; the answered version remembered. */
export async function ledgerWrite<T extends { id: string; version: number }>(
  path: string,
  options: RequestOptions,
): Promise<T> {
  try {
    const answer = await api<T>(path, options);
    written.set(answer.id, Math.max(answer.version, written.get(answer.id) ?? 0));
    return answer;
  } catch (error) {
    throw demandWords(error);
  }
}

/** The answer of every write to a demand (DemandWriteResponse). */
export interface DemandWritten {
  id: string;
  number: string;
  status: string;
  gridId: string | null;
  version: number;
}

/**
 * A demand's id made on the phone (a retry or a double tap sends the same one: the API answers the
 * demand already recorded). crypto.randomUUID exists only in a secure context (https, localhost);
 * elsewhere a version 4 UUID from crypto.getRandomValues, which every browser has.
 */
export function newDemandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The units with these ids (a resident's own), paging the community's unit list only until each is
 * found: a resident's phone need not fetch a large community's whole ledger for two names.
 */
export async function unitsWithIds(
  communityId: string,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<Unit[]> {
  const wanted = new Set(ids);
  const found = new Map<string, Unit>();
  let offset = 0;
  for (let page = 0; page < 100 && found.size < wanted.size; page++) {
    const result = await api<{ items: Unit[]; total: number }>(
      `/communities/${communityId}/units?limit=100&offset=${offset}`,
      { signal },
    );
    for (const unit of result.items) if (wanted.has(unit.id)) found.set(unit.id, unit);
    offset += result.items.length;
    if (result.items.length === 0 || offset >= result.total) break;
  }
  return ids.flatMap((id) => {
    const unit = found.get(id);
    return unit === undefined ? [] : [unit];
  });
}
