import { type Server } from 'node:http';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Proportionate procedure over HTTP (docs/procedure.md), on the demo platform (学苑社区, shuji the
 * secretary): a case carries the procedure it was opened with, the mechanism's default where none
 * is given; a case naming an Art. 278 matter cannot be opened with another decision than the
 * owners' vote (400, nothing written).
 */
const HAN = /\p{Script=Han}/u;

interface CaseView {
  procedure: { meeting: string; decision: string; civilCodeMatter: string | null };
}

describe('proportionate procedure (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { as, signIn } = httpActors(() => server);

  const open = (body: object) =>
    as('shuji').post(`/communities/${communityId}/cases`, {
      mechanism: 'neighbourhood-consultation',
      title: '12号楼2单元楼道堆物',
      description: '两户之间因楼道堆物起争执',
      category: '邻里纠纷',
      scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      ...body,
    });
  const procedureOf = async (id: string) =>
    ((await as('shuji').get(`/cases/${id}`).expect(200)).body as CaseView).procedure;
  const cases = async () =>
    Number(
      (
        await db.pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM events WHERE type = 'CaseOpened'`,
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('procedure'));
    await signIn('shuji');
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it("opens with the mechanism's procedure, or the one asked for", async () => {
    const neighbours = (await open({}).expect(201)).body as { id: string };
    expect(await procedureOf(neighbours.id)).toEqual({
      meeting: 'required',
      decision: 'council',
      civilCodeMatter: null,
    });
    const hall = (await open({ mechanism: 'five-party-hall' }).expect(201)).body as { id: string };
    expect((await procedureOf(hall.id)).decision).toBe('owners-vote');
    const light = (
      (await open({ procedure: { meeting: 'optional', decision: 'none' } }).expect(201)).body as {
        id: string;
      }
    ).id;
    expect(await procedureOf(light)).toEqual({
      meeting: 'optional',
      decision: 'none',
      civilCodeMatter: null,
    });
  });

  it("takes an Art. 278 matter only with the owners' vote (400 otherwise, nothing written)", async () => {
    const fund = (
      (
        await open({
          mechanism: 'five-party-hall',
          civilCodeMatter: 'maintenance-fund-use',
        }).expect(201)
      ).body as { id: string }
    ).id;
    expect(await procedureOf(fund)).toEqual({
      meeting: 'required',
      decision: 'owners-vote',
      civilCodeMatter: 'maintenance-fund-use',
    });
    const before = await cases();
    for (const body of [
      { civilCodeMatter: 'rebuild', procedure: { decision: 'council' } },
      { civilCodeMatter: 'rebuild', procedure: { decision: 'none' } },
      { civilCodeMatter: 'painting-the-hall' },
      { procedure: { decision: 'lottery' } },
    ]) {
      const res = await open(body);
      expect([res.status, (res.body as { error: { code: string } }).error.code]).toEqual([
        400,
        'VALIDATION_FAILED',
      ]);
      expect((res.body as { error: { message: string } }).error.message).toMatch(HAN);
    }
    expect(await cases()).toBe(before);
  });
});
