import { randomUUID } from 'node:crypto';
import { type TestDatabase } from './support/database';
import { until } from './support/wait';
import {
  type Ballot,
  ESTATE,
  type Tally,
  useArticle278Platform,
} from './support/article-278-platform';

/*
 * Issue 5 over HTTP on the whole platform (real PostgreSQL and Redis, the queue closing the vote):
 * an Article 278 vote on a scope with a developer's unsold units, a person owning two units and
 * co-owners; written proxies, paper ballots and the owner's own ballot replacing them; voters
 * outside the scope; the close by the queue at closesAt, the result published (公示) and the case
 * advanced; closing a case while voting; the reconciler re-adding a failed close job.
 */

describe('owners vote under Article 278: electorate, proxies, paper ballots, the close (HTTP)', () => {
  const voting = useArticle278Platform('voting-278');
  const { userIds, as, errorOf, unit, newCase, draft, vote, tally, caseView } = voting;
  let db: TestDatabase;
  let communityId: string;
  beforeAll(() => {
    ({ db, communityId } = voting);
  });

  it('counts the electorate by the court’s rules, replaces proxy and paper ballots by the owner’s own, keeps co-owners to one, and closes by the queue at closesAt', async () => {
    const caseId = await newCase('13号楼电梯更换');
    const closesAt = new Date(Date.now() + 15_000).toISOString();
    const resolutionId = await draft(caseId, closesAt);

    // The frozen electorate: 6 units, 600 m²; owners: the developer once, the buyer of two once,
    // the co-owners once, 302's owner: 4.
    const resolution = await as('yezhu-13-1-302').get(`/resolutions/${resolutionId}`).expect(200);
    expect(resolution.body).toMatchObject({
      rule: 'civil-code-278',
      matter: 'ordinary',
      status: 'open',
      electorate: { units: 6, owners: 4, area: 600, areaHundredths: 60000 },
    });
    // The snapshot is an event on the resolution's stream, so any tally can be explained later.
    const { rows: opened } = await db.pool.query<{ units: number }>(
      `SELECT jsonb_array_length(data->'electorate'->'units') AS units FROM events
        WHERE stream_id = $1 AND type = 'VotingOpened'`,
      [`resolution-${resolutionId}`],
    );
    expect(opened).toEqual([{ units: 6 }]);

    // Proxies: 302's owner authorises the grid worker, then revokes; authorises again.
    const proxyBody = {
      unitId: unit('302'),
      agentId: userIds.wanggeyuan,
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      scanUrl: 'https://files.example.cn/weituoshu/13-1-302.pdf',
    };
    const first = await as('yezhu-13-1-302')
      .post(`/communities/${communityId}/proxies`, proxyBody)
      .expect(201);
    const firstId = (first.body as { id: string }).id;
    expect(first.body).toMatchObject({ active: true, grantedBy: userIds['yezhu-13-1-302'] });
    // Someone else cannot register or revoke a proxy for 302.
    expect(
      errorOf(await as('duotao-13').post(`/communities/${communityId}/proxies`, proxyBody)),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      errorOf(await as('duotao-13').post(`/communities/${communityId}/proxies/${firstId}/revoke`)),
    ).toEqual([403, 'FORBIDDEN']);
    const revoked = await as('yezhu-13-1-302')
      .post(`/communities/${communityId}/proxies/${firstId}/revoke`)
      .expect(200);
    expect(revoked.body).toMatchObject({ active: false, revokedBy: userIds['yezhu-13-1-302'] });
    // A revoked proxy gives no standing.
    expect(
      errorOf(await vote('wanggeyuan', resolutionId, { choice: 'against', unitId: unit('302') })),
    ).toEqual([403, 'FORBIDDEN']);

    // 301: its co-owner A authorises the grid worker, who votes against by proxy; co-owner B's own
    // ballot replaces it; A's then finds the unit voted (co-owners share one ballot).
    const proxy301 = await as('gongyou-a-13')
      .post(`/communities/${communityId}/proxies`, { ...proxyBody, unitId: unit('301') })
      .expect(201);
    const byProxy = await vote('wanggeyuan', resolutionId, {
      choice: 'against',
      unitId: unit('301'),
    }).expect(201);
    expect(byProxy.body as Ballot).toMatchObject({
      channel: 'proxy',
      byOwner: false,
      castBy: userIds.wanggeyuan,
      proxyId: (proxy301.body as { id: string }).id,
    });
    const agentAgain = await vote('wanggeyuan', resolutionId, {
      choice: 'for',
      unitId: unit('301'),
    });
    expect(errorOf(agentAgain)).toEqual([409, 'ALREADY_VOTED']);
    const ownB = await vote('gongyou-b-13', resolutionId, { choice: 'for' }).expect(201);
    expect(ownB.body as Ballot).toMatchObject({ channel: 'online', byOwner: true, choice: 'for' });
    expect(errorOf(await vote('gongyou-a-13', resolutionId, { choice: 'against' }))).toEqual([
      409,
      'ALREADY_VOTED',
    ]);

    // 302: the building lead enters a paper ballot; the owner's own replaces it.
    const paper = await vote('loudongzhang', resolutionId, {
      choice: 'against',
      unitId: unit('302'),
      channel: 'paper',
      sheetRef: '13-1-302-0001',
    }).expect(201);
    expect(paper.body as Ballot).toMatchObject({
      channel: 'paper',
      byOwner: false,
      castBy: userIds.loudongzhang,
      sheetRef: '13-1-302-0001',
    });
    // A second paper ballot does not replace the first.
    expect(
      errorOf(
        await vote('loudongzhang', resolutionId, {
          choice: 'for',
          unitId: unit('302'),
          channel: 'paper',
          sheetRef: '13-1-302-0002',
        }),
      ),
    ).toEqual([409, 'ALREADY_VOTED']);
    await vote('yezhu-13-1-302', resolutionId, { choice: 'for' }).expect(201);
    expect(errorOf(await vote('yezhu-13-1-302', resolutionId, { choice: 'against' }))).toEqual([
      409,
      'ALREADY_VOTED',
    ]);

    // The developer's unsold units: paper ballots from the lead (the developer signs the sheets).
    for (const room of ['101', '102'] as const)
      await vote('loudongzhang', resolutionId, {
        choice: 'abstain',
        unitId: unit(room),
        channel: 'paper',
        sheetRef: `13-1-${room}-dev`,
      }).expect(201);

    // Outside the scope: an owner of building 12, the lead for a unit of building 12, the grid
    // worker without a proxy, a paper ballot from someone who leads no building.
    expect(errorOf(await vote('yezhu-12-2-301', resolutionId, { choice: 'for' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const unit12 = (
      (await as('yezhu-12-2-301').get('/me').expect(200)).body as {
        memberships: { unitIds: string[] }[];
      }
    ).memberships[0]!.unitIds[0]!;
    expect(
      errorOf(
        await vote('loudongzhang', resolutionId, {
          choice: 'for',
          unitId: unit12,
          channel: 'paper',
          sheetRef: 'x',
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      errorOf(
        await vote('wanggeyuan', resolutionId, {
          choice: 'for',
          unitId: unit('201'),
          channel: 'paper',
          sheetRef: 'x',
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    expect(
      errorOf(
        await vote('loudongzhang', resolutionId, {
          choice: 'for',
          unitId: unit('201'),
          channel: 'paper',
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);

    // The buyer of two units votes one of them now (the other after the close, refused).
    expect(errorOf(await vote('duotao-13', resolutionId, { choice: 'for' }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
    await vote('duotao-13', resolutionId, { choice: 'against', unitId: unit('201') }).expect(201);

    // Live participation while open: 5 units, 490.50 m² of 600; heads: developer, co-owners, 302,
    // the buyer = 4 of 4. 2/3 of the area (400) is reached.
    const live = await tally(resolutionId);
    expect(live).toMatchObject({
      final: false,
      rule: 'civil-code-278',
      electorate: { units: 6, owners: 4, areaHundredths: 60000 },
      participated: { units: 5, owners: 4, areaHundredths: 49050 },
      for: { units: 2, owners: 2, areaHundredths: 20000 },
      against: { units: 1, owners: 1, areaHundredths: 9050 },
      abstain: { units: 2, owners: 1, areaHundredths: 20000 },
    });
    expect(live.thresholds.participationArea).toMatchObject({
      held: true,
      actual: { numerator: 49050, denominator: 60000 },
    });
    expect(live.thresholds.participationOwners!.held).toBe(true);
    // For: 200 of 490.50 m² is not more than half: it would fail now.
    expect(live.thresholds.approvalArea!.held).toBe(false);
    expect(live.passed).toBe(false);
    expect(live.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(live.explanation.en.length).toBeGreaterThan(0);

    // The developer's sheets were wrong: nothing replaces a paper ballot but an owner's own; the
    // developer has no account. The tally at close is what it is: failed.
    await until(
      async () => (await caseView(caseId)).resolutions[0]?.status !== 'open',
      30_000,
      'the queue to close the vote at closesAt',
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(closesAt));
    const final = await tally(resolutionId);
    expect(final).toMatchObject({ final: true, passed: false, participated: { units: 5 } });
    expect((await caseView(caseId)).resolutions[0]?.status).toBe('failed');

    // A vote after the close: 409.
    expect(
      errorOf(await vote('duotao-13', resolutionId, { choice: 'for', unitId: unit('202') })),
    ).toEqual([409, 'WRONG_STAGE']);

    // Published (公示) to every party and every owner in the electorate.
    const published = async (who: string) =>
      (
        (await as(who).get('/me/notifications?limit=100').expect(200)).body as {
          items: { caseId: string; kind: string; title: string }[];
        }
      ).items.filter((n) => n.caseId === caseId && n.kind === 'vote-published');
    await until(
      async () => (await published('gongyou-a-13')).length === 1,
      15_000,
      'the publication to reach the owners',
    );
    for (const who of ['gongyou-b-13', 'duotao-13', 'yezhu-13-1-302', 'wuye', 'shuji'])
      await until(async () => (await published(who)).length === 1, 15_000, `公示 for ${who}`);
    expect((await published('wuye'))[0]!.title).toContain('未通过');
    // Not an owner in this vote's scope, nor a party member: nothing.
    expect(await published('yezhu-12-2-301')).toEqual([]);
  });

  it('a passed vote closed early by the secretary advances the case; the owners hear it', async () => {
    const caseId = await newCase('13号楼外墙维修');
    const resolutionId = await draft(caseId, new Date(Date.now() + 3_600_000).toISOString());
    await vote('duotao-13', resolutionId, { choice: 'for', unitId: unit('201') }).expect(201);
    await vote('duotao-13', resolutionId, { choice: 'for', unitId: unit('202') }).expect(201);
    await vote('gongyou-a-13', resolutionId, { choice: 'for' }).expect(201);
    await vote('yezhu-13-1-302', resolutionId, { choice: 'against' }).expect(201);
    // 400 m² of 600 (exactly 2/3: 以上 is inclusive) and 3 of 4 owners took part.
    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(closed.body as Tally).toMatchObject({
      final: true,
      passed: true,
      participated: { units: 4, owners: 3, areaHundredths: 40000 },
      for: { owners: 2, areaHundredths: 32000 },
    });
    expect((closed.body as Tally).thresholds.participationArea!.held).toBe(true);
    await until(
      async () => (await caseView(caseId)).stage === 'follow-up',
      20_000,
      'the passed vote to advance the case',
    );
    const resolution = await as('shuji').get(`/resolutions/${resolutionId}`).expect(200);
    expect(resolution.body).toMatchObject({ status: 'passed' });
  });

  it('closing the case while voting cancels the vote: ballots refused, a reopened case votes anew', async () => {
    const caseId = await newCase('13号楼停车位改造');
    const resolutionId = await draft(
      caseId,
      new Date(Date.now() + 3_600_000).toISOString(),
      'major',
    );
    await vote('gongyou-a-13', resolutionId, { choice: 'for' }).expect(201);
    await as('shuji')
      .post(`/cases/${caseId}/close`, { outcome: 'withdrawn', reason: '业主撤回申请' })
      .expect(200);
    await until(async () => (await caseView(caseId)).status === 'closed', 10_000, 'the case view');
    const c = await caseView(caseId);
    expect(c.resolutions[0]).toMatchObject({ id: resolutionId, status: 'cancelled' });
    let cancelled: Record<string, unknown> | undefined;
    await until(
      async () => {
        const events = (
          (await as('shuji').get(`/cases/${caseId}/events`).expect(200)).body as {
            items: { type: string; data: Record<string, unknown> }[];
          }
        ).items;
        cancelled = events.find((e) => e.type === 'ResolutionCancelled')?.data;
        return cancelled !== undefined;
      },
      10_000,
      'the timeline',
    );
    expect(cancelled).toMatchObject({ resolutionId, reason: 'case-closed' });
    expect(errorOf(await vote('yezhu-13-1-302', resolutionId, { choice: 'for' }))).toEqual([
      409,
      'WRONG_STAGE',
    ]);
    expect(errorOf(await as('shuji').post(`/resolutions/${resolutionId}/close`))).toEqual([
      409,
      'WRONG_STAGE',
    ]);
    const view = await as('shuji').get(`/resolutions/${resolutionId}`).expect(200);
    expect(view.body).toMatchObject({ status: 'cancelled' });
    // The worker closes the ballot box for good (trigger case-closed): the database refuses ballots.
    await until(
      async () =>
        (
          await db.pool.query(
            `SELECT 1 FROM events WHERE stream_id = $1 AND type = 'VotingClosed'
               AND data->>'trigger' = 'case-closed'`,
            [`resolution-${resolutionId}`],
          )
        ).rowCount === 1,
      15_000,
      'the ballot box to close',
    );

    await as('shuji').post(`/cases/${caseId}/reopen`, { reason: '重新议事' }).expect(200);
    await until(async () => (await caseView(caseId)).status === 'open', 10_000, 'the reopen');
    expect((await caseView(caseId)).stage).toBe('deliberation');
    const again = await draft(caseId, new Date(Date.now() + 3_600_000).toISOString(), 'major');
    expect(again).not.toBe(resolutionId);
  });

  it('refuses bad input on the proxy, building-lead and developer-unit endpoints with a 4xx and a code', async () => {
    const proxies = `/communities/${communityId}/proxies`;
    const good = {
      unitId: unit('302'),
      agentId: userIds.wanggeyuan,
      validUntil: new Date(Date.now() + 86_400_000).toISOString(),
      scanUrl: 'https://files.example.cn/weituoshu/13-1-302.pdf',
    };
    const post = (who: string, path: string, body: object) => as(who).post(path, body);
    const cases: [string, string, object, number, string][] = [
      ['yezhu-13-1-302', proxies, { ...good, scanUrl: 'ftp://x/y.pdf' }, 400, 'VALIDATION_FAILED'],
      ['yezhu-13-1-302', proxies, { ...good, scanUrl: '委托书' }, 400, 'VALIDATION_FAILED'],
      [
        'yezhu-13-1-302',
        proxies,
        { ...good, validFrom: good.validUntil, validUntil: new Date().toISOString() },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'yezhu-13-1-302',
        proxies,
        { ...good, agentId: userIds['yezhu-13-1-302'] },
        400,
        'VALIDATION_FAILED',
      ],
      ['yezhu-13-1-302', proxies, { ...good, agentId: randomUUID() }, 400, 'VALIDATION_FAILED'],
      ['yezhu-13-1-302', proxies, { ...good, extra: 1 }, 400, 'VALIDATION_FAILED'],
      ['yezhu-13-1-302', proxies, { ...good, unitId: randomUUID() }, 403, 'FORBIDDEN'],
      ['yezhu-13-1-302', `${proxies}/${randomUUID()}/revoke`, {}, 404, 'NOT_FOUND'],
      [
        'shuji',
        `/communities/${communityId}/building-leads`,
        { userId: userIds.wuye, buildings: [] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'shuji',
        `/communities/${communityId}/building-leads`,
        { userId: userIds.loudongzhang, buildings: [{ estate: ESTATE, building: '99号楼' }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'shuji',
        `/communities/${communityId}/units/developer-unsold`,
        { unitIds: [randomUUID()], unsold: true },
        400,
        'VALIDATION_FAILED',
      ],
      [
        'loudongzhang',
        `/communities/${communityId}/units/developer-unsold`,
        { unitIds: [unit('101')], unsold: false },
        403,
        'FORBIDDEN',
      ],
    ];
    for (const [who, path, body, status, code] of cases)
      expect([path, ...errorOf(await post(who, path, body))]).toEqual([path, status, code]);
    // Nothing was written by any of them: the lead still serves two buildings, 101 is still unsold.
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM building_leads WHERE user_id = $1`,
      [userIds.loudongzhang],
    );
    expect(rows[0]!.n).toBe(2);
  });
});
