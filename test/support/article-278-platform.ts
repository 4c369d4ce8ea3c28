import { type Server } from 'node:http';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { caseInDeliberation } from './case-fixture';
import { testRedisUrl, type TestDatabase } from './database';
import { httpActors } from './http-actors';
import { startDemoPlatform, type TestPlatform } from './platform';

/*
 * What the Article 278 tests share: the demo platform with building 13 imported (a developer's
 * unsold units, one buyer of two units, co-owners), the close and deadline queues, and the steps
 * that draft a resolution, vote and read the tally.
 */

export const ESTATE = '金泰和庄';
export const BUILDING = '13号楼';
export const ROOMS = ['101', '102', '201', '202', '301', '302'] as const;
export type Room = (typeof ROOMS)[number];
/** Areas in m²: 600.00 in all. */
export const AREAS: Record<Room, number> = {
  '101': 100,
  '102': 100,
  '201': 90.5,
  '202': 109.5,
  '301': 120,
  '302': 80,
};

export interface Count {
  units: number;
  owners: number;
  area: number;
  areaHundredths: number;
}
export interface Tally {
  final: boolean;
  rule: string;
  matter: string;
  passed: boolean;
  electorate: Count;
  participated: Count;
  for: Count;
  against: Count;
  abstain: Count;
  thresholds: Record<string, { held: boolean; actual: { numerator: number; denominator: number } }>;
  explanation: { zh: string; en: string };
}
export interface Ballot {
  unitId: string;
  choice: string;
  channel: string;
  byOwner: boolean;
  castBy: string;
  proxyId: string | null;
  sheetRef: string | null;
}

/** Registers the beforeAll that starts the platform with building 13, and the afterAll. */
export function useArticle278Platform(label: string) {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let redis: Redis;
  let closeQueue: Queue;
  let deadlines: Queue;
  const { userIds, as, signInWith: signIn, errorOf, newResident } = httpActors(() => server);
  const units: Partial<Record<Room, string>> = {};
  const unit = (room: Room): string => {
    const id = units[room];
    if (id === undefined) throw new Error(`no unit ${room}`);
    return id;
  };

  /** A new account, member of the demo community as a resident of `rooms` of building 13. */
  const owner = (username: string, rooms: readonly Room[]) =>
    newResident(username, { communityId, unitIds: rooms.map(unit), password: 'owner-pass-13' });

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform(label, {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    const prefix = platform.runtime.config.queuePrefix;
    redis = createRedisConnection(testRedisUrl(), 'worker', `yishi-test-${label}`);
    closeQueue = new Queue(QUEUES.votingClose, { connection: redis, prefix });
    deadlines = new Queue(QUEUES.caseDeadlines, { connection: redis, prefix });
    for (const u of ['shuji', 'loudongzhang', 'wanggeyuan', 'yezhu-12-2-301', 'wuye'])
      await signIn(u);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;

    // Building 13, entrance 1: six units; 101 and 102 the developer's unsold units; 201 and 202
    // one buyer's; 301 two co-owners'; 302 one owner's.
    const imported = await as('shuji')
      .post(`/communities/${communityId}/units`, {
        units: ROOMS.map((room) => ({
          estate: ESTATE,
          building: BUILDING,
          entrance: '1单元',
          room,
          area: AREAS[room],
        })),
      })
      .expect(201);
    for (const u of (imported.body as { units: { id: string; room: Room }[] }).units)
      units[u.room] = u.id;
    const marked = await as('shuji')
      .post(`/communities/${communityId}/units/developer-unsold`, {
        unitIds: [unit('101'), unit('102')],
        unsold: true,
      })
      .expect(200);
    expect(marked.body).toEqual({ updated: 2 });
    await owner('duotao-13', ['201', '202']);
    await owner('gongyou-a-13', ['301']);
    await owner('gongyou-b-13', ['301']);
    await owner('yezhu-13-1-302', ['302']);
    // The demo building lead serves building 12; building 13 is added.
    const leads = await as('shuji')
      .post(`/communities/${communityId}/building-leads`, {
        userId: userIds.loudongzhang,
        buildings: [
          { estate: ESTATE, building: '12号楼' },
          { estate: ESTATE, building: BUILDING },
        ],
      })
      .expect(200);
    expect((leads.body as { buildings: unknown[] }).buildings).toHaveLength(2);
  }, 60_000);
  afterAll(async () => {
    await closeQueue.close();
    await deadlines.close();
    redis.disconnect();
    await platform.close();
    await db.drop();
  });

  const scope = { estate: ESTATE, building: BUILDING, entrance: '1单元' };
  const newCase = (title: string) =>
    caseInDeliberation({ store: platform.runtime.store, communityId, scope, title });

  async function draft(caseId: string, closesAt: string, matter = 'ordinary'): Promise<string> {
    const res = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于使用维修资金更换13号楼电梯的决议',
        text: '使用专项维修资金更换13号楼1单元电梯。',
        rule: 'civil-code-278',
        matter,
        closesAt,
      })
      .expect(201);
    return (res.body as { id: string }).id;
  }
  const vote = (who: string, resolutionId: string, body: Record<string, unknown>) =>
    as(who).post(`/resolutions/${resolutionId}/ballots`, body);
  const tally = async (resolutionId: string): Promise<Tally> =>
    (await as('wuye').get(`/resolutions/${resolutionId}/tally`).expect(200)).body as Tally;
  const caseView = async (caseId: string) =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as {
      stage: string;
      status: string;
      resolutions: { id: string; status: string }[];
    };

  return {
    get db() {
      return db;
    },
    get platform() {
      return platform;
    },
    get server() {
      return server;
    },
    get communityId() {
      return communityId;
    },
    get redis() {
      return redis;
    },
    get closeQueue() {
      return closeQueue;
    },
    get deadlines() {
      return deadlines;
    },
    userIds,
    as,
    signIn,
    errorOf,
    newResident,
    unit,
    owner,
    scope,
    newCase,
    draft,
    vote,
    tally,
    caseView,
  };
}
