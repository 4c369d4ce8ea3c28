import { type Server } from 'node:http';
import { PARTY_ACCOUNTS } from './api';
import { type TestDatabase } from './database';
import { httpActors } from './http-actors';
import { startDemoPlatform, type TestPlatform } from './platform';

/*
 * What the voting-follow-up tests share: the demo platform with no notice period, the units of
 * 10–12号楼 by owner, and the steps that take a case into deliberation and draft, vote, close.
 */

export type Party = keyof typeof PARTY_ACCOUNTS;
export const ALL_PARTIES = Object.keys(PARTY_ACCOUNTS) as Party[];
export const ROOMS = [
  '101',
  '102',
  '201',
  '202',
  '301',
  '302',
  '401',
  '402',
  '501',
  '502',
  '601',
  '602',
];
export const owner = (building: number, entrance: number, room: string) =>
  `yezhu-${building}-${entrance}-${room}`;

export interface Tally {
  resolutionId: string;
  final: boolean;
  rule: string;
  passed: boolean;
  electorate: { units: number; owners: number; area: number };
  participated: { units: number; owners: number };
  for: { units: number };
  against: { units: number };
  abstain: { units: number };
  thresholds: Record<string, { held: boolean }>;
  explanation: { zh: string; en: string };
}

/** Registers the beforeAll that starts the platform and the afterAll that closes it. */
export function useVotingPlatform(label: string) {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { userIds, as, signIn, signInWith, view, waitFor, acknowledge, errorCode } = httpActors(
    () => server,
  );
  const unitIds: Record<string, string> = {};

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform(label));
    await signIn('shuji', 'wanggeyuan', 'loudongzhang', ...Object.values(PARTY_ACCOUNTS));
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    for (const building of ['10号楼', '11号楼', '12号楼']) {
      const res = await as('shuji')
        .get(`/communities/${communityId}/units?building=${encodeURIComponent(building)}&limit=100`)
        .expect(200);
      for (const u of (
        res.body as { items: { id: string; building: string; entrance: string; room: string }[] }
      ).items)
        unitIds[owner(parseInt(u.building, 10), parseInt(u.entrance, 10), u.room)] = u.id;
    }
    // No notice period: analysis → deliberation as soon as everyone acknowledged.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const settings = (patch: object) =>
    as('shuji').patch(`/communities/${communityId}/settings`, patch).expect(200);
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  /** Opens a case and takes it, over HTTP and the queue, into deliberation. */
  async function caseInDeliberation(options: {
    mechanism: 'five-party-hall' | 'neighbourhood-consultation';
    building: string;
    entrance: string;
    parties: readonly Party[];
    demandBy: string;
  }): Promise<string> {
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: options.mechanism,
        title: `${options.building}${options.entrance}议事`,
        description: '测试案件',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: options.building, entrance: options.entrance },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await as(options.demandBy)
      .post(`/cases/${caseId}/demands`, { content: '下水道又堵了', source: 'online' })
      .expect(201);
    await acknowledge(caseId, 'gathering', options.parties);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '主排水管坡度不足，属施工缺陷',
        leadParty: 'property-company',
        siteSurvey: '现场勘查',
        options: [{ title: '更换主排水管', description: '物业牵头施工' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', options.parties);
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    await acknowledge(caseId, 'deliberation', options.parties);
    await as('shuji')
      .post(`/cases/${caseId}/meetings`, {
        heldAt: new Date().toISOString(),
        place: '社区党群服务中心',
        attendance: options.parties.map((party) => ({
          party,
          attendees: [userIds[PARTY_ACCOUNTS[party]]],
        })),
        minutes: '各方同意更换主排水管',
      })
      .expect(201);
    return caseId;
  }

  async function draft(caseId: string, closesAt = inAnHour()): Promise<string> {
    const res = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于更换主排水管的决议',
        text: '由物业牵头更换主排水管，共建单位出资。',
        rule: 'simple-majority',
        closesAt,
      })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'open', closesAt });
    return (res.body as { id: string }).id;
  }

  const vote = (who: string, resolutionId: string, choice: string, unitId?: string) =>
    as(who).post(
      `/resolutions/${resolutionId}/ballots`,
      unitId === undefined ? { choice } : { choice, unitId },
    );

  return {
    get platform() {
      return platform;
    },
    get server() {
      return server;
    },
    get communityId() {
      return communityId;
    },
    userIds,
    as,
    signIn,
    signInWith,
    view,
    waitFor,
    acknowledge,
    errorCode,
    unitIds,
    settings,
    inAnHour,
    caseInDeliberation,
    draft,
    vote,
  };
}
