import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { type TestDatabase } from '../../../../test/support/database';
import { caseInDeliberation } from '../../../../test/support/case-fixture';
import { httpActors } from '../../../../test/support/http-actors';
import { demoCommunityUnits } from '../../../../test/support/demo-units';
import { startDemoPlatform, type TestPlatform } from '../../../../test/support/platform';
import { until } from '../../../../test/support/wait';

/*
 * Escalation (转议事) over HTTP on the demo platform (学苑社区, 金泰和庄): a demand into a new case
 * and into a case in deliberation, several at once, a repeat answering the same case, refusals
 * (a closed case, a case unknown, another case, a resident), and the case's close closing its
 * demands through the worker, the submitter asked to confirm, a dissatisfied answer reopening the
 * demand in the ledger, and a reopened and closed again case leaving it alone.
 */
const ESTATE = '金泰和庄';
const HAN = /\p{Script=Han}/u;

interface Written {
  id: string;
  number: string;
  status: string;
  version: number;
}
interface Detail extends Written {
  caseId: string | null;
  reopenings: number;
  confirmDueAt: string | null;
  closedAt: string | null;
}
interface CaseDemand {
  id: string;
  number?: string;
}
interface Inbox {
  items: { kind: string; caseId: string | null; title: string; body: string }[];
}

describe('escalating demands into cases (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let units: Record<string, string> = {};
  const { as, signIn, waitFor } = httpActors(() => server);
  const refusals: { status: number; body: unknown; what: string }[] = [];

  const track = <T extends { status: number; body: unknown }>(res: T, what: string) => {
    if (res.status >= 400 && res.status < 500)
      refusals.push({ status: res.status, body: res.body, what });
    return Object.assign(res, {
      expect(status: number, code?: string): T {
        if (
          res.status !== status ||
          (code !== undefined && (res.body as { error?: { code?: string } }).error?.code !== code)
        )
          throw new Error(
            `${what}: ${status} ${code ?? ''} expected, got ${res.status} ${JSON.stringify(res.body)}`,
          );
        return res;
      },
    });
  };
  const post = async (who: string, path: string, body: object, key?: string) => {
    const req = as(who).post(path, body);
    return track(
      await (key === undefined ? req : req.set('Idempotency-Key', key)),
      `${who} POST ${path}`,
    );
  };
  const submit = async (who: string, content: string, unit: string): Promise<Written> =>
    (
      await post(who, `/communities/${communityId}/demands`, {
        content,
        category: 'public-facilities',
        unitId: units[unit],
        source: 'online',
      })
    ).expect(201).body as Written;
  const detail = async (who: string, id: string, minVersion = 0): Promise<Detail> => {
    const res = track(
      await as(who).get(`/demands/${id}?minVersion=${minVersion}`),
      `${who} GET /demands/${id}`,
    );
    return res.expect(200).body as Detail;
  };
  const newCase = (title: string) => ({
    mechanism: 'five-party-hall',
    title,
    description: '多位居民反映同一问题',
    category: '设施维修',
    scope: { estate: ESTATE, building: '12号楼' },
  });
  const escalate = (id: string, body: object, who = 'shuji', key?: string) =>
    post(who, `/demands/${id}/escalation`, body, key);
  const caseDemands = async (caseId: string, ids: string[]) => {
    await waitFor(caseId, `demands ${ids.join(', ')} on the case`, (c) =>
      ids.every((id) => c.demands.some((d) => d.id === id)),
    );
    return (
      (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as { demands: CaseDemand[] }
    ).demands;
  };
  const inbox = async (who: string): Promise<Inbox['items']> =>
    ((await as(who).get('/me/notifications?limit=100').expect(200)).body as Inbox).items;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('demands-escalation'));
    await signIn('shuji', 'yezhu-12-2-301', 'yezhu-12-2-302');
    ({ communityId, units } = await demoCommunityUnits(as('shuji')));
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  /** The case opened for the first demand; its close is the last tests' matter. */
  let openedCase: string;
  let first: Written;
  let clustered: Written[];
  let openedCluster: string;

  it('escalates a demand into a new case; sent again, the same case and nothing written', async () => {
    first = await submit('yezhu-12-2-301', '12号楼电梯每周都停运', '12-2-301');
    // A resident may not escalate.
    (await escalate(first.id, { newCase: newCase('12号楼电梯反复停运') }, 'yezhu-12-2-301')).expect(
      403,
      'FORBIDDEN',
    );
    const res = (await escalate(first.id, { newCase: newCase('12号楼电梯反复停运') })).expect(201);
    openedCase = (res.body as { caseId: string }).caseId;
    expect(Object.keys(res.body as object)).toEqual(['caseId']);
    const view = await detail('yezhu-12-2-301', first.id, 2);
    expect(view).toMatchObject({ status: 'in-case', caseId: openedCase, version: 2 });
    const listed = await caseDemands(openedCase, [first.id]);
    expect(listed.find((d) => d.id === first.id)).toMatchObject({ number: first.number });
    await waitFor(openedCase, 'the case in gathering', (c) => c.stage === 'gathering');

    // The answer was lost and the secretary sends the same again: the case the demand is in.
    const again = (await escalate(first.id, { newCase: newCase('12号楼电梯反复停运') })).expect(
      201,
    );
    expect(again.body).toEqual({ caseId: openedCase });
    (await escalate(first.id, { caseId: openedCase })).expect(201);
    expect((await detail('shuji', first.id)).version).toBe(2);
  });

  it('attaches a demand to a case in deliberation; another case and a closed one are refused', async () => {
    const deliberating = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: ESTATE, building: '12号楼', entrance: null },
      title: '12号楼外墙渗水',
    });
    const d = await submit('yezhu-12-2-302', '302 室外墙渗水，墙皮脱落', '12-2-302');
    expect((await escalate(d.id, { caseId: deliberating })).expect(201).body).toEqual({
      caseId: deliberating,
    });
    await caseDemands(deliberating, [d.id]);
    await waitFor(deliberating, 'still in deliberation', (c) => c.stage === 'deliberation');
    expect(await detail('shuji', d.id, 2)).toMatchObject({
      status: 'in-case',
      caseId: deliberating,
    });
    (await escalate(d.id, { caseId: deliberating })).expect(201);

    // In one case, it does not go into another.
    (await escalate(d.id, { caseId: openedCase })).expect(409, 'WRONG_STAGE');
    // A closed case takes no demands; an unknown one is not found.
    const closing = (
      await post('shuji', `/communities/${communityId}/cases`, newCase('已撤回的案件'))
    ).expect(201).body as { id: string };
    (await post('shuji', `/cases/${closing.id}/close`, { outcome: 'withdrawn' })).expect(200);
    const other = await submit('yezhu-12-2-302', '楼道灯不亮', '12-2-302');
    (await escalate(other.id, { caseId: closing.id })).expect(409, 'WRONG_STAGE');
    (await escalate(other.id, { caseId: randomUUID() })).expect(404, 'NOT_FOUND');
    // Exactly one of caseId and newCase, and a new case's fields as for POST .../cases.
    (await escalate(other.id, {})).expect(400, 'VALIDATION_FAILED');
    (await escalate(other.id, { caseId: deliberating, newCase: newCase('两者') })).expect(
      400,
      'VALIDATION_FAILED',
    );
    (await escalate(other.id, { newCase: { ...newCase(''), mechanism: 'x' } })).expect(
      400,
      'VALIDATION_FAILED',
    );
    expect((await detail('shuji', other.id)).status).toBe('received');
  });

  it('escalates several demands at once into one new case, once per Idempotency-Key', async () => {
    clustered = [
      await submit('yezhu-12-2-301', '12号楼门禁坏了', '12-2-301'),
      await submit('yezhu-12-2-302', '单元门禁刷卡没反应', '12-2-302'),
    ];
    const path = `/communities/${communityId}/demands/escalation`;
    const body = { demandIds: clustered.map((d) => d.id), newCase: newCase('12号楼门禁故障') };
    const key = randomUUID();
    const caseId = ((await post('shuji', path, body, key)).expect(201).body as { caseId: string })
      .caseId;
    expect((await post('shuji', path, body, key)).expect(201).body).toEqual({ caseId });
    const listed = await caseDemands(caseId, body.demandIds);
    expect(listed.filter((d) => d.number !== undefined)).toHaveLength(2);
    for (const d of clustered)
      expect(await detail('shuji', d.id, 2)).toMatchObject({ status: 'in-case', caseId });
    (await post('yezhu-12-2-301', path, body)).expect(403, 'FORBIDDEN');
    (await post('shuji', path, { ...body, demandIds: [] })).expect(400, 'VALIDATION_FAILED');
    (
      await post('shuji', path, {
        ...body,
        demandIds: Array.from({ length: 51 }, () => randomUUID()),
      })
    ).expect(400, 'VALIDATION_FAILED');
    (await post('shuji', path, { demandIds: [randomUUID()], caseId })).expect(404, 'NOT_FOUND');
    // The clustered demands go on with their case, closed in the next test.
    openedCluster = caseId;
  });

  it("closes the case's demands with it and asks each submitter to confirm", async () => {
    for (const caseId of [openedCase, openedCluster])
      (
        await post('shuji', `/cases/${caseId}/close`, {
          outcome: 'unresolved',
          reason: '产权单位尚未确定维修资金',
        })
      ).expect(200);
    for (const d of [first, ...clustered])
      await until(
        async () => (await detail('shuji', d.id)).status === 'closed',
        20_000,
        `demand ${d.number} closed with its case`,
      );
    const view = await detail('yezhu-12-2-301', first.id);
    expect(view).toMatchObject({ status: 'closed', caseId: openedCase });
    expect(view.closedAt).not.toBeNull();
    expect(view.confirmDueAt).not.toBeNull();

    let mine: Inbox['items'] = [];
    await until(
      async () =>
        (mine = (await inbox('yezhu-12-2-301')).filter((n) => n.kind === 'demand-confirm'))
          .length === 2,
      20_000,
      () => `two demand-confirm notices, got ${JSON.stringify(mine)}`,
    );
    const notice = mine.find((n) => n.caseId === openedCase)!;
    expect(notice.body).toContain(first.number);
    expect(notice.body).toContain('《12号楼电梯反复停运》');
    expect(HAN.test(notice.title)).toBe(true);
    const theirs = (await inbox('yezhu-12-2-302')).filter((n) => n.kind === 'demand-confirm');
    expect(theirs.map((n) => n.body)).toEqual([expect.stringContaining(clustered[1]!.number)]);
  });

  it('reopens a demand in the ledger on a dissatisfied answer; the case reopened and closed again leaves it', async () => {
    const reopened = (
      await post('yezhu-12-2-301', `/demands/${first.id}/confirmation`, {
        rating: 'dissatisfied',
        comment: '电梯还是停',
      })
    ).expect(201).body as Written;
    expect(reopened.status).toBe('assigned');
    const view = await detail('yezhu-12-2-301', first.id, reopened.version);
    expect(view).toMatchObject({ status: 'assigned', reopenings: 1, caseId: openedCase });

    (await post('shuji', `/cases/${openedCase}/reopen`, { reason: '维修资金已落实' })).expect(200);
    await waitFor(openedCase, 'the case open again', (c) => c.status === 'open');
    (await post('shuji', `/cases/${openedCase}/close`, { outcome: 'withdrawn' })).expect(200);
    await waitFor(openedCase, 'the case closed again', (c) => c.status === 'closed');
    // The worker has had its time: the demand is as the confirmation left it.
    const notices = async () =>
      (await inbox('yezhu-12-2-301')).filter((n) => n.kind === 'demand-confirm').length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await detail('shuji', first.id)).toMatchObject({
      status: 'assigned',
      version: reopened.version,
    });
    expect(await notices()).toBe(2);
  });

  it('gives every refusal a Chinese message', () => {
    expect(refusals.length).toBeGreaterThan(8);
    const english = refusals.filter(
      (r) => !HAN.test((r.body as { error?: { message?: string } }).error?.message ?? ''),
    );
    expect(english.map((r) => `${r.what}: ${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
  });
});
