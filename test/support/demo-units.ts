import { type client } from './api';

type Client = ReturnType<typeof client>;

/**
 * The demo community as its secretary sees it: its id, and its units by `<building>-<entrance>-<room>`
 * (`12-2-301`), for tests that file demands or tickets against real units.
 */
export async function demoCommunityUnits(
  secretary: Client,
): Promise<{ communityId: string; units: Record<string, string> }> {
  const me = await secretary.get('/me').expect(200);
  const communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
    .communityId;
  const list = await secretary.get(`/communities/${communityId}/units?limit=500`).expect(200);
  const units: Record<string, string> = {};
  for (const u of (
    list.body as { items: { id: string; building: string; entrance: string; room: string }[] }
  ).items)
    units[`${parseInt(u.building, 10)}-${parseInt(u.entrance, 10)}-${u.room}`] = u.id;
  return { communityId, units };
}
