import { type Server } from 'node:http';
import { type TestDatabase } from './support/database';
import { demoCommunityUnits } from './support/demo-units';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Mediation (矛盾调解, docs/procedure.md) over HTTP, on the demo platform (学苑社区, shuji the
 * secretary): a dispute between two households of 12号楼2单元 with a mediator. The mediator drafts
 * the agreement (调解协议), each side signs it in the app, a person of neither side is refused, and
 * the last signature closes the case resolved. Another mediation ends unresolved by hand (调解不成).
 */
const HAN = /\p{Script=Han}/u;

interface MediationCaseView {
  mechanism: string;
  stage: string;
  status: string;
  closure: { outcome: string; reason: string | null } | null;
  endState: { state: string; reason: string | null } | null;
  procedure: { meeting: string; decision: string };
  mediation: {
    sides: { unitId: string; userIds: string[] }[];
    mediatorId: string;
    agreement: {
      draft: number;
      text: string;
      signatures: { unitId: string; signedBy: string }[];
    } | null;
  } | null;
}

describe('mediation (矛盾调解) over HTTP, real PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let unitA: string;
  let unitB: string;
  const actors = httpActors(() => server);
  const { as, signIn, userIds, errorOf } = actors;

  const caseView = async (id: string) =>
    (await as('shuji').get(`/cases/${id}`).expect(200)).body as MediationCaseView;
  const waitForCase = async (
    id: string,
    what: string,
    check: (c: MediationCaseView) => boolean,
  ) => {
    let last: MediationCaseView | undefined;
    await until(
      async () => {
        const res = await as('shuji').get(`/cases/${id}`);
        return res.status === 200 && check((last = res.body as MediationCaseView));
      },
      20_000,
      () => `${what}; the case: ${JSON.stringify(last)}`,
    );
  };
  const inbox = async (who: string) =>
    (
      (await as(who).get('/me/notifications?limit=100').expect(200)).body as {
        items: { caseId: string | null; kind: string; title: string }[];
      }
    ).items;

  const openMediation = (body: object = {}) =>
    as('shuji').post(`/communities/${communityId}/cases`, {
      mechanism: 'mediation',
      title: '12号楼2单元301与401漏水纠纷',
      description: '401 卫生间漏水，301 吊顶受损，两户协商未果',
      category: '邻里纠纷',
      scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      sides: [
        { unitId: unitA, userIds: [userIds['med-zhang']] },
        { unitId: unitB, userIds: [userIds['med-li']] },
      ],
      mediatorId: userIds['med-tiaojie'],
      ...body,
    });

  /** Opened, its demand in, and moved into deliberation (the mediation itself). */
  const inMediation = async (): Promise<string> => {
    const id = ((await openMediation().expect(201)).body as { id: string }).id;
    await waitForCase(id, 'the case view', () => true);
    await as('med-zhang')
      .post(`/cases/${id}/demands`, {
        content: '楼上漏水，吊顶发霉',
        source: 'online',
        unitId: unitA,
      })
      .expect(201);
    await as('shuji').post(`/cases/${id}/advance`, { to: 'deliberation' }).expect(202);
    await waitForCase(id, 'deliberation', (c) => c.stage === 'deliberation');
    return id;
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('mediation'));
    await signIn('shuji', 'yezhu-10-1-101');
    const demo = await demoCommunityUnits(as('shuji'));
    communityId = demo.communityId;
    const inEntrance = Object.entries(demo.units)
      .filter(([key]) => key.startsWith('12-2-'))
      .map(([, id]) => id);
    [unitA, unitB] = [inEntrance[0]!, inEntrance[1]!];
    await actors.newResident('med-zhang', { communityId, unitIds: [unitA], bind: false });
    await actors.newResident('med-li', { communityId, unitIds: [unitB], bind: false });
    const mediator = await as('shuji')
      .post('/users', {
        username: 'med-tiaojie',
        password: 'mediator-pass-1',
        displayName: '调解员老周',
      })
      .expect(201);
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: (mediator.body as { id: string }).id,
        roles: ['mediator'],
      })
      .expect(201);
    await actors.signInWith('med-tiaojie', 'mediator-pass-1');
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('ends when both sides sign: the mediator drafts, a stranger is refused, the last signature closes it resolved', async () => {
    const id = await inMediation();
    const opened = await caseView(id);
    expect(opened.mechanism).toBe('mediation');
    expect(opened.procedure).toMatchObject({ meeting: 'optional', decision: 'none' });
    expect(opened.mediation).toEqual({
      sides: [
        { unitId: unitA, userIds: [userIds['med-zhang']] },
        { unitId: unitB, userIds: [userIds['med-li']] },
      ],
      mediatorId: userIds['med-tiaojie'],
      agreement: null,
    });

    // Only the mediator or a secretary drafts; a side's resident is refused by the table.
    expect(
      errorOf(await as('med-zhang').post(`/cases/${id}/agreement`, { text: '我方拟的协议' })),
    ).toEqual([403, 'FORBIDDEN']);
    const first = await as('med-tiaojie')
      .post(`/cases/${id}/agreement`, { text: '401 室修复卫生间防水层，赔偿 301 室 2000 元' })
      .expect(201);
    expect((first.body as { draft: number }).draft).toBe(1);
    // A new draft replaces the old one: the side that signed the first signs again.
    await as('med-zhang').post(`/cases/${id}/agreement/signatures`, { draft: 1 }).expect(201);
    const second = await as('med-tiaojie')
      .post(`/cases/${id}/agreement`, {
        text: '401 室于 12 月 20 日前修复卫生间防水层，并赔偿 301 室吊顶维修费 1800 元',
      })
      .expect(201);
    expect((second.body as { draft: number }).draft).toBe(2);
    const stale = await as('med-li').post(`/cases/${id}/agreement/signatures`, { draft: 1 });
    expect(errorOf(stale)).toEqual([409, 'CONCURRENCY_CONFLICT']);
    expect((stale.body as { error: { message: string } }).error.message).toBe(
      '调解协议已更新为第 2 稿，请阅读新稿后再签署',
    );

    // Side A signs: still open.
    const signedA = await as('med-zhang')
      .post(`/cases/${id}/agreement/signatures`, { draft: 2 })
      .expect(201);
    expect(signedA.body).toMatchObject({ unitId: unitA, status: 'open' });
    expect(
      errorOf(await as('med-zhang').post(`/cases/${id}/agreement/signatures`, { draft: 2 })),
    ).toEqual([409, 'ALREADY_EXISTS']);

    // A resident of neither side, and the mediator, cannot sign.
    for (const who of ['yezhu-10-1-101', 'med-tiaojie']) {
      const refused = await as(who).post(`/cases/${id}/agreement/signatures`, { draft: 2 });
      expect(errorOf(refused)).toEqual([403, 'FORBIDDEN']);
      expect((refused.body as { error: { message: string } }).error.message).toBe(
        '只有调解当事人可以签署调解协议',
      );
    }
    await waitForCase(id, 'side A signed', (c) => c.mediation?.agreement?.signatures.length === 1);
    expect((await caseView(id)).status).toBe('open');

    // Side B signs: the case is closed resolved.
    const signedB = await as('med-li')
      .post(`/cases/${id}/agreement/signatures`, { draft: 2 })
      .expect(201);
    expect(signedB.body).toMatchObject({ unitId: unitB, status: 'closed' });
    await waitForCase(id, 'closed resolved', (c) => c.status === 'closed');
    const closed = await caseView(id);
    expect(closed.closure).toEqual({ outcome: 'resolved', reason: null });
    expect(closed.endState).toEqual({ state: 'resolved', reason: null });
    expect(closed.mediation?.agreement).toMatchObject({
      draft: 2,
      signatures: [
        { unitId: unitA, signedBy: userIds['med-zhang'] },
        { unitId: unitB, signedBy: userIds['med-li'] },
      ],
    });
    expect(
      errorOf(await as('med-li').post(`/cases/${id}/agreement/signatures`, { draft: 2 })),
    ).toEqual([409, 'WRONG_STAGE']);

    // Each side and the mediator were told of the opening and of each draft.
    for (const who of ['med-zhang', 'med-li', 'med-tiaojie'])
      await until(
        async () => {
          const kinds = (await inbox(who)).filter((n) => n.caseId === id).map((n) => n.kind);
          return (
            kinds.includes('mediation-opened') &&
            kinds.filter((k) => k === 'agreement-drafted').length === 2
          );
        },
        20_000,
        `${who}'s mediation notices`,
      );
    const drafted = (await inbox('med-li')).find((n) => n.kind === 'agreement-drafted');
    expect(drafted?.title).toMatch(HAN);
  });

  it('closes unresolved by hand with a reason (调解不成)', async () => {
    const id = await inMediation();
    // Another mediator is not this case's; the secretary may draft.
    const other = await as('shuji')
      .post('/users', {
        username: 'med-other',
        password: 'mediator-pass-2',
        displayName: '调解员老吴',
      })
      .expect(201);
    await as('shuji')
      .post(`/communities/${communityId}/memberships`, {
        userId: (other.body as { id: string }).id,
        roles: ['mediator'],
      })
      .expect(201);
    await actors.signInWith('med-other', 'mediator-pass-2');
    const refused = await as('med-other').post(`/cases/${id}/agreement`, { text: '协议' });
    expect(errorOf(refused)).toEqual([403, 'FORBIDDEN']);
    expect((refused.body as { error: { message: string } }).error.message).toBe(
      '只有本案调解员或社区书记可以起草调解协议',
    );
    await as('shuji').post(`/cases/${id}/agreement`, { text: '书记拟的协议' }).expect(201);
    await as('med-zhang').post(`/cases/${id}/agreement/signatures`, { draft: 1 }).expect(201);
    // The list shows the mediation too.
    await until(
      async () => {
        const list = await as('shuji')
          .get(`/communities/${communityId}/cases?limit=100`)
          .expect(200);
        const row = (
          list.body as {
            items: { id: string; mechanism: string; mediation: MediationCaseView['mediation'] }[];
          }
        ).items.find((c) => c.id === id);
        return row?.mechanism === 'mediation' && row.mediation?.agreement?.signatures.length === 1;
      },
      20_000,
      'the case list row with its mediation',
    );
    expect(
      errorOf(await as('shuji').post(`/cases/${id}/close`, { outcome: 'unresolved' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
    await as('shuji')
      .post(`/cases/${id}/close`, { outcome: 'unresolved', reason: '401 室拒绝赔偿，调解不成' })
      .expect(200);
    await waitForCase(id, 'closed unresolved', (c) => c.status === 'closed');
    const closed = await caseView(id);
    expect(closed.closure).toEqual({ outcome: 'unresolved', reason: '401 室拒绝赔偿，调解不成' });
    expect(closed.endState).toEqual({ state: 'unresolved', reason: '401 室拒绝赔偿，调解不成' });
  });

  it('refuses a mediation without two sides, with a stranger, or with a mediator who is not one (400, nothing written)', async () => {
    const count = async () =>
      Number(
        (
          await db.pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM events WHERE type = 'CaseOpened'`,
          )
        ).rows[0]!.n,
      );
    const before = await count();
    const outsider = await as('shuji')
      .post('/users', {
        username: 'med-outsider',
        password: 'outsider-pass-1',
        displayName: '外人',
      })
      .expect(201);
    for (const body of [
      { sides: [{ unitId: unitA, userIds: [userIds['med-zhang']] }] },
      { sides: undefined },
      { mediatorId: userIds['yezhu-10-1-101'] },
      { mediatorId: userIds['med-zhang'] },
      {
        sides: [
          { unitId: unitA, userIds: [userIds['med-zhang']] },
          { unitId: unitB, userIds: [(outsider.body as { id: string }).id] },
        ],
      },
      { mechanism: 'five-party-hall' },
      { procedure: { decision: 'owners-vote' } },
    ]) {
      const res = await openMediation(body);
      expect([...errorOf(res), JSON.stringify(body)]).toEqual([
        400,
        'VALIDATION_FAILED',
        JSON.stringify(body),
      ]);
      expect((res.body as { error: { message: string } }).error.message).toMatch(HAN);
    }
    expect(await count()).toBe(before);
  });
});
