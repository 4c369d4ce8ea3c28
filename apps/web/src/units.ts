import { api } from './api/client';
import { type Unit } from './api/types';

/** A unit as people say it: 12号楼2单元301. */
export const unitText = (u: Pick<Unit, 'building' | 'entrance' | 'room'>): string =>
  `${u.building}${u.entrance}${u.room}`;

/** The community's units (optionally of one estate and building), every page of them. */
export async function listUnits(
  communityId: string,
  filter: { estate?: string; building?: string | null },
  signal?: AbortSignal,
): Promise<Unit[]> {
  const units: Unit[] = [];
  for (let page = 0; page < 50; page++) {
    const params = new URLSearchParams({ limit: '100', offset: String(units.length) });
    if (filter.estate !== undefined) params.set('estate', filter.estate);
    if (filter.building !== undefined && filter.building !== null)
      params.set('building', filter.building);
    const result = await api<{ items: Unit[]; total: number }>(
      `/communities/${communityId}/units?${params.toString()}`,
      signal === undefined ? {} : { signal },
    );
    units.push(...result.items);
    if (result.items.length === 0 || units.length >= result.total) break;
  }
  return units;
}
