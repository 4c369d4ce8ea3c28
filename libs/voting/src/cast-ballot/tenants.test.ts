import { type Server } from 'node:http';
import { CommandBus } from '@nestjs/cqrs';
import { caseWithOpenResolution } from '../../../../test/support/case-fixture';
import { type TestDatabase } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { OpenVotingCommand } from '../draft-resolution/open-voting.command';

/*
 * A tenant (租户) lives in a unit but is never in an owners' electorate: a vote over the unit
 * counts its owner, and the tenant's ballot for it is refused, over HTTP on the demo platform.
 */
const HAN = /\p{Script=Han}/u;

interface Me {
  me: { eligibleUnitIds: string[] };
}

describe('a tenant in a vote over their unit (HTTP, real PostgreSQL)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let unitId: string;
  let resolutionId: string;
  const owner = 'yezhu-12-2-301';
  const tenant = 'zuhu-12-2-301-vote';
  const { as, signIn, signInWith, userIds } = httpActors(() => server);

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('voting-tenants'));
    await signIn('shuji', owner);
    const me = await as(owner).get('/me').expect(200);
    const membership = (me.body as { memberships: { communityId: string; unitIds: string[] }[] })
      .memberships[0]!;
    communityId = membership.communityId;
    unitId = membership.unitIds[0]!;
    const created = await as('shuji')
      .post('/users', { username: tenant, password: 'tenant-pass-2026', displayName: '租户' })
      .expect(201);
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: (created.body as { id: string }).id,
        roles: ['resident'],
        unitIds: [unitId],
        occupancy: 'tenant',
      })
      .expect(201);
    await signInWith(tenant, 'tenant-pass-2026');
    // A vote over 12号楼 2单元, opened (its electorate frozen) after the tenant moved in.
    ({ resolutionId } = await caseWithOpenResolution({
      store: platform.runtime.store,
      communityId,
      scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      leadParty: 'property-company',
      assigneeParty: 'property-company',
    }));
    await platform.app.get(CommandBus).execute(new OpenVotingCommand(resolutionId));
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('keeps the tenant out of the electorate: only the owner may vote for the unit', async () => {
    const frozen = await db.pool.query<{ owners: { ownerId: string }[] }>(
      `SELECT u->'owners' AS owners
         FROM events e, jsonb_array_elements(e.data->'electorate'->'units') u
        WHERE e.type = 'VotingOpened' AND e.data->>'resolutionId' = $1 AND u->>'unitId' = $2`,
      [resolutionId, unitId],
    );
    expect(frozen.rows).toHaveLength(1);
    expect(frozen.rows[0]!.owners.map((o) => o.ownerId)).toEqual([userIds[owner]]);
    const asTenant = await as(tenant).get(`/resolutions/${resolutionId}`).expect(200);
    expect((asTenant.body as Me).me.eligibleUnitIds).toEqual([]);
    const asOwner = await as(owner).get(`/resolutions/${resolutionId}`).expect(200);
    expect((asOwner.body as Me).me.eligibleUnitIds).toEqual([unitId]);
  });

  it("refuses the tenant's ballot for the unit (403) and counts the owner's (201)", async () => {
    const refused = await as(tenant)
      .post(`/resolutions/${resolutionId}/ballots`, { unitId, choice: 'for' })
      .expect(403);
    // Not for want of a binding: the unit is simply not the tenant's to vote for.
    const { error } = refused.body as { error: { code: string; message: string } };
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(HAN);
    await as(owner)
      .post(`/resolutions/${resolutionId}/ballots`, { unitId, choice: 'against' })
      .expect(201);
  });
});
