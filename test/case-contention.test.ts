import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { AlreadyExistsError, PARTIES, type CaseCommand, type Party } from '@yishi/domain';
import { EventStore } from '@yishi/event-store';
import { unitsInScope } from '@yishi/registry';
import { CaseRepository } from '@yishi/cases';
import { client, login, PARTY_ACCOUNTS } from './support/api';
import { caseInFollowUp } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Writes to one case that do not depend on each other, many at once (issue 19: 600 opinions, 64 in
 * flight, 549 refused with CONCURRENCY_CONFLICT). They must all succeed, and the rules that do
 * depend on order must still hold: one evaluation per unit, a demand only while gathering.
 */
describe('many writers on one case', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let shuji: string;

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('contention'));
    shuji = await login(server, 'shuji');
    const me = await client(server, shuji).get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const scope = { estate: '金泰和庄', building: '11号楼', entrance: '1单元' };

  it('64 writers × 5 opinions on one case at once: all 201, all 320 listed', async () => {
    const opened = await client(server, shuji)
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'five-party-hall',
        title: '并发意见',
        description: '很多人同时发表意见',
        category: '设施维修',
        scope,
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    const tokens = await Promise.all(
      ['shuji', ...Object.values(PARTY_ACCOUNTS), 'yezhu-11-1-101'].map((u) => login(server, u)),
    );
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 64 }, async (_, writer) => {
        for (let n = 0; n < 5; n++) {
          const res = await request(server)
            .post(`/api/v1/cases/${caseId}/opinions`)
            .set('Authorization', `Bearer ${tokens[writer % tokens.length]!}`)
            .set('Idempotency-Key', randomUUID())
            .send({ content: `意见 ${writer}-${n}` });
          statuses.push(res.status);
          if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        }
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(320);
    // None lost: the list (a read model the relay feeds) comes to hold every one of them.
    const listed = async () => {
      const res = await client(server, shuji).get(`/cases/${caseId}/opinions`).expect(200);
      return (res.body as { items: { content: string }[] }).items.map((o) => o.content);
    };
    await until(async () => (await listed()).length >= 320, 30_000);
    const contents = await listed();
    expect(contents).toHaveLength(320);
    expect(new Set(contents).size).toBe(320);
    const stored = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM events WHERE stream_id = $1 AND type = 'OpinionPosted'`,
      [`case-${caseId}`],
    );
    expect(Number(stored.rows[0]!.n)).toBe(320);
  });

  it('evaluations of different units all succeed at once; a unit evaluating twice at once gets one', async () => {
    const voter = await client(server, await login(server, 'yezhu-11-1-101'))
      .get('/me')
      .expect(200);
    const fixture = await caseInFollowUp({
      store: platform.runtime.store,
      pool: db.pool,
      communityId,
      scope,
      voterId: (voter.body as { id: string }).id,
      leadParty: 'property-company',
      assigneeParty: 'property-company',
    });
    const { caseId } = fixture;
    const cases = platform.app.get(CaseRepository);
    await cases.execute(
      caseId,
      { type: 'CompleteTask', data: { taskId: fixture.taskId, note: '完成' } },
      { actorId: 'wuye', party: 'property-company' },
    );
    const evaluate = (unitId: string): CaseCommand => ({
      type: 'Evaluate',
      data: { unitId, rating: 'satisfied' },
    });

    // Fewer evaluations than the scope has units: all of them in would close the round (the gate).
    const inScope = await unitsInScope(db.pool, communityId, scope);
    expect(inScope).toBeGreaterThan(8);

    // The same unit 12 times at once, half of them through a second store (another process's
    // repository: its own snapshots and its own per-case queue): one evaluation, the rest refused.
    const other = new CaseRepository(new EventStore(db.pool));
    const twice = randomUUID();
    const same = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? cases : other).execute(caseId, evaluate(twice), { actorId: twice }),
      ),
    );
    expect(same.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of same)
      if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AlreadyExistsError);

    // Different units at once: every one recorded.
    const units = Array.from({ length: inScope - 2 }, () => randomUUID());
    const results = await Promise.allSettled(
      units.map((unitId) => cases.execute(caseId, evaluate(unitId), { actorId: unitId })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const { state } = await cases.load(caseId);
    expect(state?.evaluations.map((e) => e.unitId).sort()).toEqual([...units, twice].sort());
  });

  it('demands racing the advance out of gathering: none is recorded after the stage changed', async () => {
    const caseId = randomUUID();
    const cases = platform.app.get(CaseRepository);
    const other = new CaseRepository(new EventStore(db.pool));
    await cases.execute(
      caseId,
      {
        type: 'OpenCase',
        data: {
          caseId,
          communityId,
          mechanism: 'five-party-hall',
          title: '诉求与推进',
          description: '',
          category: '测试',
          scope,
          settings: {
            acknowledgementHours: 48,
            reminderBeforeHours: 24,
            noticePeriodHours: 0,
            evaluationWindowHours: 168,
            satisfactionThreshold: { numerator: 2, denominator: 3 },
          },
        },
      },
      { actorId: 'shuji' },
    );
    const demand = (): CaseCommand => ({
      type: 'SubmitDemand',
      data: { demandId: randomUUID(), content: '诉求', source: 'online' },
    });
    await cases.execute(caseId, demand(), { actorId: 'shuji' });
    for (const party of PARTIES as readonly Party[])
      await cases.execute(
        caseId,
        { type: 'Acknowledge', data: { party, stage: 'gathering' } },
        { actorId: party, party },
      );
    // Most through this process's repository (the API's), a few through another store's (another
    // process, where only the version check stands between them and the advance).
    const racing = await Promise.allSettled([
      ...Array.from({ length: 20 }, (_, i) =>
        (i % 5 === 0 ? other : cases).execute(caseId, demand(), { actorId: 'shuji' }),
      ),
      cases.execute(
        caseId,
        { type: 'EvaluateAdvance', data: { to: 'analysis' } },
        {
          actorId: 'shuji',
        },
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        (i % 5 === 0 ? other : cases).execute(caseId, demand(), { actorId: 'shuji' }),
      ),
    ]);
    // Each either went in while gathering or was refused for the stage; none failed otherwise.
    for (const r of racing)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('WRONG_STAGE');
    const events = await platform.runtime.store.readStream(`case-${caseId}`);
    const advanced = events.find(
      (e) => e.type === 'StageEntered' && (e.data as { stage: string }).stage === 'analysis',
    );
    expect(advanced).toBeDefined();
    const lastDemand = events.filter((e) => e.type === 'DemandSubmitted').at(-1)!;
    expect(lastDemand.streamPosition).toBeLessThan(advanced!.streamPosition);
  });
});
