import { type Server } from 'node:http';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { voteReminderJobId, voteReminderSourceId } from '@yishi/voting';
import { PARTY_ACCOUNTS } from './support/api';
import { caseInDeliberation } from './support/case-fixture';
import { testRedisUrl, type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 19, the residents' side of voting, over HTTP on the whole platform (demo community, a vote
 * on 12号楼): every owner in the frozen electorate and the building's lead are told the vote opened
 * (with the resolution), the five parties get a notice for information only, owners elsewhere get
 * nothing; reminders go to the owners who have not voted; `me` on GET /resolutions/:id says what
 * the caller may vote for and what they voted, on every read; a repeated 签收 says so.
 */

const ESTATE = '金泰和庄';
const BUILDING = '12号楼';
const VOTER = 'yezhu-12-2-301';
const GRANTOR = 'yezhu-12-1-101';
const AGENT = 'yezhu-10-1-101';
const OUTSIDER = 'yezhu-11-1-101';
const LEAD = 'loudongzhang';

interface Me {
  eligibleUnitIds: string[];
  units: { unitId: string; label: string; as: string }[];
  ballots: { unitId: string; choice: string; channel: string; castAt: string; byOwner: boolean }[];
  reason: { code: string; message: string } | null;
}
interface InboxItem {
  kind: string;
  caseId: string | null;
  resolutionId: string | null;
  party: string | null;
  body: string;
}

describe('residents and voting: told when a vote opens, `me` on the resolution, 签收 once (HTTP)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let redis: Redis;
  let closeQueue: Queue;
  let caseId: string;
  let resolutionId: string;
  /** Unit ids of 12号楼 by `entrance-room` (e.g. `2-301`), and their registered owners. */
  const units: Record<string, string> = {};
  const ownersOfBuilding = new Set<string>();
  const { userIds, as, signIn, errorOf } = httpActors(() => server);
  const parties = [...Object.values(PARTY_ACCOUNTS), 'shuji'];

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('voting-residents', {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    redis = createRedisConnection(testRedisUrl(), 'worker', 'yishi-test-voting-residents');
    closeQueue = new Queue(QUEUES.votingClose, {
      connection: redis,
      prefix: platform.runtime.config.queuePrefix,
    });
    await signIn(...parties, LEAD, VOTER, GRANTOR, AGENT, OUTSIDER);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const { rows } = await db.pool.query<{ id: string; entrance: string; room: string }>(
      `SELECT u.id, n.name AS entrance, u.room FROM units u
         JOIN entrances n ON n.id = u.entrance_id JOIN buildings b ON b.id = n.building_id
        WHERE u.community_id = $1 AND b.name = $2`,
      [communityId, BUILDING],
    );
    for (const r of rows) units[`${r.entrance.replace('单元', '')}-${r.room}`] = r.id;
    const owners = await db.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM unit_owners WHERE unit_id = ANY ($1::uuid[])`,
      [Object.values(units)],
    );
    for (const o of owners.rows) ownersOfBuilding.add(o.user_id);
    expect(Object.keys(units)).toHaveLength(24);
    expect(ownersOfBuilding.size).toBe(24);
    // The owner of 12-1-101 has a written proxy for an owner of another building.
    await as(GRANTOR)
      .post(`/communities/${communityId}/proxies`, {
        unitId: units['1-101'],
        agentId: userIds[AGENT],
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        scanUrl: 'https://files.example.cn/proxies/12-1-101.pdf',
      })
      .expect(201);
    // Remind one hour before the close (the vote below closes in two).
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { voteReminderHoursBeforeClose: [1] })
      .expect(200);
    caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: ESTATE, building: BUILDING, entrance: null },
      title: '12号楼外墙保温层修缮',
    });
    const drafted = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于12号楼外墙保温层修缮的决议',
        text: '使用维修资金修缮12号楼外墙保温层。',
        rule: 'simple-majority',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      })
      .expect(201);
    resolutionId = (drafted.body as { id: string }).id;
  }, 90_000);

  afterAll(async () => {
    await closeQueue.close();
    redis.disconnect();
    await platform.close();
    await db.drop();
  });

  const inbox = async (who: string): Promise<InboxItem[]> =>
    (
      (await as(who).get('/me/notifications?limit=100').expect(200)).body as { items: InboxItem[] }
    ).items.filter((n) => n.caseId === caseId);
  const me = async (who: string): Promise<Me> =>
    ((await as(who).get(`/resolutions/${resolutionId}`).expect(200)).body as { me: Me }).me;

  it('tells every owner in the electorate and the building lead; the parties for information; nobody else', async () => {
    const called = async () =>
      (
        await db.pool.query<{ recipient_id: string; resolution_id: string | null }>(
          `SELECT recipient_id, resolution_id FROM notifications
            WHERE kind = 'voting-opened' AND case_id = $1`,
          [caseId],
        )
      ).rows;
    const expected = [...ownersOfBuilding, userIds[LEAD]!].sort();
    await until(
      async () => (await called()).length >= expected.length,
      20_000,
      'voting-opened to the owners',
    );
    const rows = await called();
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(expected);
    expect(new Set(rows.map((r) => r.resolution_id))).toEqual(new Set([resolutionId]));

    // What an owner reads: the call to vote, naming the resolution.
    const [call] = (await inbox(VOTER)).filter((n) => n.kind === 'voting-opened');
    expect(call).toMatchObject({ resolutionId, party: null });
    expect(call?.body).toMatch(
      /^【议事】案件《12号楼外墙保温层修缮》的决议《.+》已开始表决，截止时间为\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，请及时投票。$/,
    );
    expect((await inbox(LEAD)).map((n) => n.kind)).toContain('voting-opened');

    // The parties: a notice for information, never the call to vote.
    for (const who of parties) {
      await until(
        async () => (await inbox(who)).some((n) => n.kind === 'voting-opened-notice'),
        20_000,
        `${who}: voting-opened-notice`,
      );
      const mine = await inbox(who);
      expect([who, mine.filter((n) => n.kind === 'voting-opened')]).toEqual([who, []]);
      const notice = mine.filter((n) => n.kind === 'voting-opened-notice');
      expect([who, notice.length, notice[0]?.resolutionId]).toEqual([who, 1, resolutionId]);
      expect(notice[0]?.body).toContain('供知悉');
      expect(notice[0]?.body).not.toContain('请及时投票');
    }
    // Owners outside the electorate: nothing about this vote.
    expect(await inbox(OUTSIDER)).toEqual([]);
    expect(await inbox(AGENT)).toEqual([]);
  });

  it('`me`: an owner before and after voting, on every reload', async () => {
    const before = await me(VOTER);
    expect(before).toEqual({
      eligibleUnitIds: [units['2-301']],
      units: [{ unitId: units['2-301'], label: '12号楼2单元301室', as: 'owner' }],
      ballots: [],
      reason: null,
    });
    const cast = await as(VOTER)
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'against' })
      .expect(201);
    const { castAt } = cast.body as { castAt: string };
    for (let reload = 0; reload < 2; reload++) {
      expect(await me(VOTER)).toEqual({
        ...before,
        ballots: [
          { unitId: units['2-301'], choice: 'against', channel: 'online', castAt, byOwner: true },
        ],
      });
    }
  });

  it('`me`: a building lead (paper), a proxy, and owners and parties outside the electorate', async () => {
    const lead = await me(LEAD);
    expect(lead.eligibleUnitIds.sort()).toEqual(Object.values(units).sort());
    expect(new Set(lead.units.map((u) => u.as))).toEqual(new Set(['building-lead']));
    expect(lead.reason).toBeNull();
    expect(lead.ballots).toEqual([
      expect.objectContaining({ unitId: units['2-301'], choice: 'against', channel: 'online' }),
    ]);

    expect(await me(AGENT)).toEqual({
      eligibleUnitIds: [units['1-101']],
      units: [{ unitId: units['1-101'], label: '12号楼1单元101室', as: 'proxy' }],
      ballots: [],
      reason: null,
    });
    // The grantor still votes for their own unit; the agent's ballot would then be refused.
    expect((await me(GRANTOR)).eligibleUnitIds).toEqual([units['1-101']]);

    // Outside: nothing to vote for, and the reason the ballot endpoint itself gives.
    for (const who of [OUTSIDER, 'wuye']) {
      const outside = await me(who);
      expect([who, outside]).toEqual([
        who,
        {
          eligibleUnitIds: [],
          units: [],
          ballots: [],
          reason: { code: 'FORBIDDEN', message: '您名下没有参加本次表决的房屋' },
        },
      ]);
    }
    const refused = await as(OUTSIDER)
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' })
      .expect(403);
    expect((refused.body as { error: { message: string } }).error.message).toBe(
      '您名下没有参加本次表决的房屋',
    );
  });

  it('reminds the owners who have not voted, naming the resolution', async () => {
    await as(AGENT)
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'for', unitId: units['1-101'] })
      .expect(201);
    let job: Awaited<ReturnType<Queue['getJob']>>;
    await until(
      async () => (job = await closeQueue.getJob(voteReminderJobId(resolutionId, 1))) !== undefined,
      15_000,
      'the reminder job',
    );
    await job!.changeDelay(1);
    const reminded = async () =>
      (
        await db.pool.query<{ recipient_id: string; resolution_id: string | null }>(
          `SELECT recipient_id, resolution_id FROM notifications
            WHERE kind = 'vote-reminder' AND source_event_id = $1`,
          [voteReminderSourceId(resolutionId, 1)],
        )
      ).rows;
    await until(async () => (await reminded()).length > 0, 15_000, 'reminders');
    const rows = await reminded();
    // Not the owner who voted, not the one whose unit the agent voted for; every other owner.
    const expected = [...ownersOfBuilding]
      .filter((u) => u !== userIds[VOTER] && u !== userIds[GRANTOR])
      .sort();
    expect(rows.map((r) => r.recipient_id).sort()).toEqual(expected);
    expect(new Set(rows.map((r) => r.resolution_id))).toEqual(new Set([resolutionId]));
    expect((await inbox(VOTER)).map((n) => n.kind)).not.toContain('vote-reminder');
  });

  it('a repeated 签收 answers ALREADY_ACKNOWLEDGED 本阶段已签收, also for a stage the case has left', async () => {
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'five-party-hall',
        title: '12号楼电梯异响',
        description: '电梯运行时有异响。',
        category: '设施维修',
        scope: { estate: ESTATE, building: BUILDING, entrance: null },
      })
      .expect(201);
    const fresh = (opened.body as { id: string }).id;
    await as('wuye').post(`/cases/${fresh}/acknowledgements`, { stage: 'gathering' }).expect(201);
    const again = await as('wuye').post(`/cases/${fresh}/acknowledgements`, {
      stage: 'gathering',
    });
    expect(errorOf(again)).toEqual([409, 'ALREADY_ACKNOWLEDGED']);
    const error = (again.body as { error: { message: string; details: Record<string, string> } })
      .error;
    expect(error.message).toMatch(/^本阶段已签收（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}）$/);
    expect(error.details).toMatchObject({ stage: 'gathering' });
    expect(Date.parse(error.details.acknowledgedAt ?? '')).toBeGreaterThan(0);

    // The vote's case is in deliberation, every stage signed by every party: a stale button for
    // gathering, or a second tap on deliberation, hears that it is signed (not WRONG_STAGE).
    for (const stage of ['gathering', 'deliberation'])
      expect(
        errorOf(await as('wuye').post(`/cases/${caseId}/acknowledgements`, { stage })),
      ).toEqual([409, 'ALREADY_ACKNOWLEDGED']);
    // A stage not reached yet is still the wrong stage.
    expect(
      errorOf(await as('wuye').post(`/cases/${caseId}/acknowledgements`, { stage: 'follow-up' })),
    ).toEqual([409, 'WRONG_STAGE']);
  });
});
