import { type Server } from 'node:http';
import { DEMAND_STATUSES } from '@yishi/domain';
import { TEST_ADMIN } from '../../../../test/support/api';
import { type TestDatabase, testRedisUrl } from '../../../../test/support/database';
import { httpActors } from '../../../../test/support/http-actors';
import {
  startDemoPlatform,
  startTestPlatform,
  type TestPlatform,
} from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';

/*
 * The demo's ledger at first start (SEED_DEMO_LEDGER, issue 21 item 11): two grids with their
 * workers, a unit lead, a neighbour lead and a tenant, and three dozen demands in every status;
 * a second start on the same database adds nothing.
 */
interface ListItem {
  id: string;
  status: string;
  source: string;
}
interface Grid {
  name: string;
  buildings: { building: string }[];
  workers: { displayName: string }[];
  admissionList: string[];
}
interface Me {
  memberships: {
    communityId: string;
    roles: string[];
    occupancy: string | null;
    ledUnitIds: string[];
  }[];
}

describe('demo ledger seeded at first start', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { as, signIn, signInWith } = httpActors(() => server);

  const demands = async (): Promise<{ items: ListItem[]; total: number }> =>
    (await as('shuji').get(`/communities/${communityId}/demands?limit=100`).expect(200)).body as {
      items: ListItem[];
      total: number;
    };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('demo-ledger', {
      SEED_DEMO_LEDGER: 'true',
    }));
    await signIn('shuji', 'wanggeyuan2', 'danyuanzhang', 'linzhang', 'zuhu-11-1-201');
    const me = (await as('shuji').get('/me').expect(200)).body as Me;
    communityId = me.memberships[0]!.communityId;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('has two grids over 金泰和庄 with their workers and admission lists', async () => {
    const grids = (
      (await as('shuji').get(`/communities/${communityId}/grids`).expect(200)).body as {
        items: Grid[];
      }
    ).items;
    expect(
      grids
        .map((g) => ({
          name: g.name,
          buildings: g.buildings.map((b) => b.building).sort(),
          workers: g.workers.map((w) => w.displayName),
          admits: g.admissionList.length,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    ).toEqual(
      [
        { name: '第一网格', buildings: ['10号楼'], workers: ['吴网格员'], admits: 4 },
        {
          name: '第二网格',
          buildings: ['11号楼', '12号楼'],
          workers: ['黄网格员'],
          admits: 4,
        },
      ].sort((a, b) => a.name.localeCompare(b.name, 'zh')),
    );
  });

  it('has the leads and a tenant, who is no owner', async () => {
    const me = async (who: string) =>
      ((await as(who).get('/me').expect(200)).body as Me).memberships[0]!;
    expect(await me('danyuanzhang')).toMatchObject({ roles: ['unit-lead'] });
    expect((await me('danyuanzhang')).ledUnitIds).toHaveLength(12);
    expect(await me('linzhang')).toMatchObject({ roles: ['neighbour-lead'] });
    expect((await me('linzhang')).ledUnitIds).toHaveLength(10);
    // A tenant is not of a vote's electorate (owners only).
    expect(await me('zuhu-11-1-201')).toMatchObject({ roles: ['resident'], occupancy: 'tenant' });
  });

  it('lists three dozen demands in every status and from every source', async () => {
    // The read model follows the log: wait until every seeded demand is there as it ended.
    let last: string[] = [];
    await until(
      async () => {
        last = (await demands()).items.map((i) => i.status);
        return last.length >= 36 && DEMAND_STATUSES.every((s) => last.includes(s));
      },
      20_000,
      () => `the demo demands' statuses: ${JSON.stringify(last)}`,
    );
    const { items, total } = await demands();
    expect(total).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(DEMAND_STATUSES));
    expect(new Set(items.map((i) => i.source))).toEqual(
      new Set(['online', 'door-to-door', 'hotline', 'grid-patrol', 'lead']),
    );
    // The tenant reads their own demand.
    const own = (
      (await as('zuhu-11-1-201').get(`/communities/${communityId}/demands`).expect(200)).body as {
        items: ListItem[];
      }
    ).items;
    expect(own.length).toBeGreaterThanOrEqual(1);
  });

  it('adds nothing when it starts again on the same database', async () => {
    const before = await demands();
    const members = async () =>
      (
        (await as('shuji').get(`/communities/${communityId}/memberships?limit=100`).expect(200))
          .body as { total: number }
      ).total;
    const membersBefore = await members();
    await platform.close();
    platform = await startTestPlatform({
      databaseUrl: db.url,
      redisUrl: testRedisUrl(),
      label: 'demo-ledger-again',
      env: {
        ADMIN_USERNAME: TEST_ADMIN.username,
        ADMIN_PASSWORD: TEST_ADMIN.password,
        SEED_DEMO_LEDGER: 'true',
      },
    });
    server = platform.app.getHttpServer();
    await signInWith('shuji');
    const after = await demands();
    expect(after.total).toBe(before.total);
    expect(await members()).toBe(membersBefore);
  });
});
