/**
 * What the round reads from the API, kept on the phone for the next time there is no signal: the
 * grids, the demands that may need the worker, and the units of their buildings (the form's
 * building → entrance → room). Online, the answer is kept; without signal, the kept one is shown
 * with the time it was read.
 */
import { api } from '../../api/client';
import { NetworkError } from '../../api/errors';
import { type Grid, type LedgerDemand, type Page, type Unit } from '../../api/types';
import { listUnits } from '../../units';
import { openStore } from './phone-outbox';
import { myGrids } from './round-groups';

/** The statuses in which a demand may need its grid worker (签收, 办理, 派单). */
const OPEN = ['received', 'accepted', 'assigned'] as const;
const PAGE = 100;

export interface RoundLists {
  grids: Grid[];
  demands: LedgerDemand[];
  /** Demands past the first page of a status (a very busy grid): not listed here. */
  more: number;
  readAt: string;
}

export interface Kept<T> {
  value: T;
  /** Read now (false) or the phone's copy because there is no signal (true). */
  offline: boolean;
}

async function keep(key: string, value: unknown): Promise<void> {
  try {
    await (await openStore()).keep(key, value);
  } catch {
    // The lists are a convenience offline; the outbox itself reports a storage it cannot open.
  }
}

async function kept<T>(key: string): Promise<T | undefined> {
  try {
    return await (await openStore()).cached<T>(key);
  } catch {
    return undefined;
  }
}

/** `read` online and kept; without signal the kept copy (else the NetworkError). */
async function readOrKept<T>(key: string, read: () => Promise<T>): Promise<Kept<T>> {
  try {
    const value = await read();
    await keep(key, value);
    return { value, offline: false };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const copy = await kept<T>(key);
    if (copy === undefined) throw error;
    return { value: copy, offline: true };
  }
}

export function loadRound(
  communityId: string,
  userId: string,
  signal: AbortSignal,
): Promise<Kept<RoundLists>> {
  return readOrKept(`round:${userId}:${communityId}`, async () => {
    const [grids, ...pages] = await Promise.all([
      api<{ items: Grid[] }>(`/communities/${communityId}/grids`, { signal }),
      ...OPEN.map((status) =>
        api<Page<LedgerDemand>>(
          `/communities/${communityId}/demands?status=${status}&sort=due&limit=${PAGE}`,
          { signal },
        ),
      ),
    ]);
    return {
      grids: grids.items,
      demands: pages.flatMap((p) => p.items),
      more: pages.reduce((n, p) => n + Math.max(0, p.total - p.items.length), 0),
      readAt: new Date().toISOString(),
    };
  });
}

/** The units the form offers: of the user's grids' buildings, or the whole community's. */
export function loadUnits(
  communityId: string,
  userId: string,
  signal?: AbortSignal,
): Promise<Kept<Unit[]>> {
  return readOrKept(`units:${userId}:${communityId}`, async () => {
    const grids = await api<{ items: Grid[] }>(
      `/communities/${communityId}/grids`,
      signal === undefined ? {} : { signal },
    );
    const buildings = myGrids(grids.items, userId).flatMap((g) => g.buildings);
    if (buildings.length === 0) return listUnits(communityId, {}, signal);
    const units: Unit[] = [];
    for (const b of buildings)
      units.push(
        ...(await listUnits(communityId, { estate: b.estate, building: b.building }, signal)),
      );
    return units;
  });
}
