import { type Server } from 'node:http';
import { addWorkingDays, DEMAND_STATUSES, shanghaiDateOf } from '@yishi/domain';
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
 * workers, a unit lead, a neighbour lead and a tenant, and three dozen demands in every status,
 * dated over the four weeks before the seed (open ones recent, none overdue, the rates counted by
 * hand); a second start on the same database adds nothing.
 */
interface ListItem {
  id: string;
  number: string;
  status: string;
  source: string;
  receivedAt: string;
  closedAt: string | null;
  overdue: boolean;
}
const DAY = 24 * 3_600_000;
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

  let seededBy: number;

  beforeAll(async () => {
    seededBy = Date.now();
    ({ db, platform, server } = await startDemoPlatform('demo-ledger', {
      SEED_DEMO_LEDGER: 'true',
    }));
    await signIn('shuji', 'wanggeyuan2', 'danyuanzhang', 'linzhang', 'zuhu-11-1-201');
    const me = (await as('shuji').get('/me').expect(200)).body as Me;
    communityId = me.memberships[0]!.communityId;
    seededBy = Date.now();
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

  it('is dated over the weeks before the seed: open ones recent, none overdue', async () => {
    let items: ListItem[] = [];
    await until(
      async () => (items = (await demands()).items).length >= 36,
      20_000,
      () => `36 demo demands; listed ${items.length}`,
    );
    const received = items.map((i) => Date.parse(i.receivedAt));
    expect(Math.max(...received)).toBeLessThan(seededBy);
    expect(seededBy - Math.min(...received)).toBeGreaterThan(20 * DAY);
    expect(seededBy - Math.min(...received)).toBeLessThan(28 * DAY);
    expect(new Set(items.map((i) => shanghaiDateOf(i.receivedAt))).size).toBeGreaterThan(10);
    // Each number carries its day of receipt, numbered in the order received.
    for (const i of items)
      expect([i.number, i.number.split('-')[1]]).toEqual([
        i.number,
        shanghaiDateOf(i.receivedAt).replaceAll('-', ''),
      ]);
    const byTime = [...items].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    expect(byTime.map((i) => i.number)).toEqual(
      [...items].map((i) => i.number).sort((a, b) => a.localeCompare(b)),
    );
    expect(items.filter((i) => i.overdue)).toEqual([]);
    const waiting = items.filter((i) => ['received', 'accepted', 'assigned'].includes(i.status));
    expect(Math.min(...waiting.map((i) => Date.parse(i.receivedAt)))).toBeGreaterThan(
      seededBy - 6 * DAY,
    );
    const count = (status: string) => items.filter((i) => i.status === status).length;
    expect(Object.fromEntries(DEMAND_STATUSES.map((status) => [status, count(status)]))).toEqual({
      received: 5,
      accepted: 3,
      assigned: 6,
      refused: 4,
      resolved: 3,
      closed: 9,
      withdrawn: 2,
      merged: 2,
      'in-case': 2,
    });

    // A demand's timeline shows when each step happened, not when the seed wrote it.
    const closed = byTime.find((i) => i.status === 'closed')!;
    const { timeline } = (await as('shuji').get(`/demands/${closed.id}`).expect(200)).body as {
      timeline: { occurredAt: string }[];
    };
    const times = timeline.map((t) => t.occurredAt);
    expect(times[0]).toBe(closed.receivedAt);
    expect(times.at(-1)).toBe(closed.closedAt);
    expect([...times].sort()).toEqual(times);
    expect(Date.parse(closed.closedAt!)).toBeLessThan(seededBy - 10 * DAY);

    /*
     * The yardsticks by hand: 32 counted (less 2 withdrawn, 2 merged); 23 signed, 2 of them
     * after their 24 hours, and 3 of the 4 refused unsigned past them (one is 22 hours old): 21
     * of 26. 9 struck off, none open past its resolve deadline: 9 of 9. 11 answers, 2
     * dissatisfied: 9 of 11. Within 7 working days: the 9 struck off less the two closed after
     * 12 days (more when holidays make 12 days fewer than 7 working days).
     */
    const within7 = items.filter(
      (i) =>
        i.status === 'closed' &&
        Date.parse(i.closedAt!) <= Date.parse(addWorkingDays(i.receivedAt, 7)),
    ).length;
    expect(within7).toBeGreaterThanOrEqual(7);
    const { demands: stats } = (
      await as('shuji').get(`/communities/${communityId}/stats`).expect(200)
    ).body as { demands: { received: number; closed: number; reopened: number; bases: object } };
    expect(stats).toMatchObject({
      received: 36,
      closed: 9,
      reopened: 2,
      bases: {
        responseRate: { numerator: 21, denominator: 26 },
        acceptedWithin24hRate: { numerator: 21, denominator: 26 },
        resolutionRate: { numerator: 9, denominator: 9 },
        satisfactionRate: { numerator: 9, denominator: 11 },
        closedWithin7DaysRate: { numerator: within7, denominator: 9 },
      },
    });
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
