import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { client, login, PARTY_ACCOUNTS } from './support/api';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

interface CaseView {
  stage: string;
  status: string;
  version: number;
  demands: unknown[];
  parties: { party: string; required: boolean; acknowledgedStages: string[] }[];
  lastAdvanceRejection: {
    to: string;
    unmet: { condition: string; missingParties?: string[] }[];
  } | null;
  notice: { noticePeriodEndsAt: string } | null;
}

describe('case workflow over HTTP, moved by the queue (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const tokens: Record<string, string> = {};
  const as = (who: string) => client(server, tokens[who]);

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('workflow'));
    for (const u of [
      'shuji',
      'yezhu-12-2-301',
      'wanggeyuan',
      'jiedao',
      ...Object.values(PARTY_ACCOUNTS),
    ])
      tokens[u] = await login(server, u);
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    // No notice period in this test: the analysis gate then holds as soon as everyone acknowledged.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const view = async (caseId: string, minVersion = 0): Promise<CaseView> =>
    (await as('shuji').get(`/cases/${caseId}?minVersion=${minVersion}`).expect(200))
      .body as CaseView;

  const acknowledgeAll = async (caseId: string, stage: string, except: string[] = []) => {
    for (const [party, user] of Object.entries(PARTY_ACCOUNTS))
      if (!except.includes(party))
        await as(user).post(`/cases/${caseId}/acknowledgements`, { stage }).expect(201);
  };

  it('a five-party case goes from gathering to deliberation; the queue checks every gate', async () => {
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'five-party-hall',
        title: '12号楼2单元下水道反复堵塞',
        description: '施工缺陷导致下水道反复堵塞，一楼住户返水。',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      })
      .expect(201);
    const { id: caseId, version } = opened.body as { id: string; version: number };
    expect(opened.body).toMatchObject({ stage: 'gathering', status: 'open' });
    let c = await view(caseId, version);
    expect(c.parties.map((p) => p.party)).toEqual(Object.keys(PARTY_ACCOUNTS));
    expect(c.parties.every((p) => p.required)).toBe(true);

    // Asking too early: the queue rejects with the unmet conditions, in Chinese.
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await until(async () => (await view(caseId)).lastAdvanceRejection !== null, 10_000);
    c = await view(caseId);
    expect(c.stage).toBe('gathering');
    expect([...new Set(c.lastAdvanceRejection!.unmet.map((u) => u.condition))].sort()).toEqual([
      'acknowledgement',
      'demands',
    ]);

    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '下水道又堵了', source: 'online' })
      .expect(201);
    await as('wanggeyuan')
      .post(`/cases/${caseId}/demands`, {
        content: '入户走访：三户反映返水',
        source: 'door-to-door',
      })
      .expect(201);
    await acknowledgeAll(caseId, 'gathering', ['partner-units']);
    // The last acknowledgement makes the rejected move's gate hold: the case moves by itself.
    await as('gongjian')
      .post(`/cases/${caseId}/acknowledgements`, { stage: 'gathering' })
      .expect(201);
    await until(async () => (await view(caseId)).stage === 'analysis', 10_000);

    // Demands are taken in gathering only.
    const late = await as('yezhu-12-2-301').post(`/cases/${caseId}/demands`, {
      content: '还有',
      source: 'online',
    });
    expect(late.status).toBe(409);
    expect((late.body as { error: { code: string } }).error.code).toBe('WRONG_STAGE');

    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '主排水管坡度不足，属施工缺陷',
        leadParty: 'property-company',
        siteSurvey: '五方现场勘查：12号楼2单元主管',
        options: [{ title: '更换主排水管', description: '物业牵头，共建单位出资' }],
      })
      .expect(201);
    // The lead party's members may now record the analysis too; another party may not.
    await as('wuye')
      .post(`/cases/${caseId}/analysis`, {
        summary: '补充：需临时停水半天',
        leadParty: 'property-company',
        options: [{ title: '更换主排水管', description: '周六施工' }],
      })
      .expect(201);
    await as('yeweihui')
      .post(`/cases/${caseId}/analysis`, {
        summary: 'x',
        leadParty: 'owners-committee',
        options: [{ title: 'y', description: '' }],
      })
      .expect(403);
    await acknowledgeAll(caseId, 'analysis');
    // Notice period 0 h and every party acknowledged: deliberation without anyone pressing a button.
    await until(async () => (await view(caseId)).stage === 'deliberation', 10_000);

    await as('wuye').post(`/cases/${caseId}/opinions`, { content: '物业同意牵头施工' }).expect(201);
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/opinions`, { content: '希望周末施工' })
      .expect(201);

    const timeline = await as('yezhu-12-2-301').get(`/cases/${caseId}/events`).expect(200);
    const types = (timeline.body as { items: { type: string; position: number }[] }).items.map(
      (i) => i.type,
    );
    for (const t of [
      'CaseOpened',
      'AdvanceRequested',
      'StageAdvanceRejected',
      'DemandSubmitted',
      'StageAcknowledged',
      'StageAdvanced',
      'AnalysisRecorded',
      'NoticePublished',
    ])
      expect(types).toContain(t);
    await until(async () => {
      const opinions = await as('shuji').get(`/cases/${caseId}/opinions`).expect(200);
      return (opinions.body as { items: unknown[] }).items.length === 2;
    }, 5_000);
    const opinions = await as('shuji').get(`/cases/${caseId}/opinions`).expect(200);
    expect((opinions.body as { items: unknown[] }).items).toEqual([
      expect.objectContaining({
        party: 'property-company',
        authorName: '钱经理（物业）',
        stage: 'deliberation',
      }),
      expect.objectContaining({ party: null, content: '希望周末施工' }),
    ]);

    // Every member of each of the five parties: exactly one stage-entered notification per stage.
    for (const user of [...Object.values(PARTY_ACCOUNTS), 'shuji']) {
      const stagesOf = async () => {
        const res = await as(user).get('/me/notifications?limit=100').expect(200);
        return (res.body as { items: { caseId: string; kind: string; stage: string }[] }).items
          .filter((n) => n.caseId === caseId && n.kind === 'stage-entered')
          .map((n) => n.stage)
          .sort();
      };
      await until(async () => (await stagesOf()).length >= 3, 15_000);
      expect([user, await stagesOf()]).toEqual([user, ['analysis', 'deliberation', 'gathering']]);
    }

    const list = await as('jiedao')
      .get(`/communities/${communityId}/cases?stage=deliberation`)
      .expect(200);
    expect((list.body as { items: { id: string }[] }).items.map((i) => i.id)).toContain(caseId);
  });

  it('first start opened the demo case: the drain of building 12, entrance 2, with a demand', async () => {
    const find = async () => {
      const res = await as('jiedao').get(`/communities/${communityId}/cases?limit=100`).expect(200);
      return (res.body as { items: { id: string; title: string }[] }).items.find(
        (c) => c.title === '12号楼2单元下水道反复堵塞' && c.id.endsWith('de0ca5e00001'),
      );
    };
    await until(async () => (await find()) !== undefined, 10_000);
    const c = await view((await find())!.id);
    expect(c).toMatchObject({ stage: 'gathering', status: 'open' });
    expect(c.demands).toHaveLength(1);
  });

  it('enforces who may act and refuses bad input with 4xx', async () => {
    const body = {
      mechanism: 'neighbourhood-consultation',
      title: '电动车充电桩',
      description: '',
      category: '公共设施',
      scope: { estate: '金泰和庄', building: '10号楼' },
    };
    await as('wuye').post(`/communities/${communityId}/cases`, body).expect(403);
    await as('yezhu-12-2-301').post(`/communities/${communityId}/cases`, body).expect(403);
    for (const bad of [
      { ...body, mechanism: 'town-hall' },
      { ...body, title: '' },
      { ...body, title: 'x'.repeat(101) },
      { ...body, scope: { estate: '不存在的小区' } },
      { ...body, scope: {} },
      { ...body, extra: true },
    ])
      await as('shuji').post(`/communities/${communityId}/cases`, bad).expect(400);
    const opened = await as('shuji').post(`/communities/${communityId}/cases`, body).expect(201);
    const caseId = (opened.body as { id: string }).id;
    const c = await view(caseId, (opened.body as { version: number }).version);
    expect(c.parties.filter((p) => p.required).map((p) => p.party)).toEqual([
      'party-organisation',
      'resident-representatives',
    ]);
    // Residents do not acknowledge or advance; a party acknowledges only the current stage.
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/acknowledgements`, { stage: 'gathering' })
      .expect(403);
    await as('yezhu-12-2-301').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(403);
    await as('wuye').post(`/cases/${caseId}/acknowledgements`, { stage: 'analysis' }).expect(409);
    await as('wuye').post(`/cases/${caseId}/acknowledgements`, { stage: 'nope' }).expect(400);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'follow-up' }).expect(409);
    await as('shuji').get(`/cases/${randomUUID()}`).expect(404);
    await as('shuji')
      .post(`/cases/${randomUUID()}/demands`, { content: 'x', source: 'online' })
      .expect(404);
    // A resident submits for their own unit only.
    const units = await as('shuji')
      .get(`/communities/${communityId}/units?limit=1&building=10号楼`)
      .expect(200);
    const otherUnit = (units.body as { items: { id: string }[] }).items[0]!.id;
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: 'x', source: 'online', unitId: otherUnit })
      .expect(403);
    await as('wanggeyuan')
      .post(`/cases/${caseId}/demands`, {
        content: '代居民提交',
        source: 'grid-patrol',
        unitId: otherUnit,
      })
      .expect(201);
    // Withdrawn by the secretary; a closed case takes nothing but a reopen.
    await as('shuji').post(`/cases/${caseId}/close`, { outcome: 'withdrawn' }).expect(200);
    await as('wanggeyuan')
      .post(`/cases/${caseId}/demands`, { content: 'y', source: 'hotline' })
      .expect(409);
    await as('shuji').post(`/cases/${caseId}/close`, { outcome: 'unresolved' }).expect(409);
    await as('shuji').post(`/cases/${caseId}/reopen`, { reason: '居民再次反映' }).expect(200);
  });
});
