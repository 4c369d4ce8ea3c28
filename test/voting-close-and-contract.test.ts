import { type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type TestPlatform } from './support/platform';
import { owner, ROOMS, type Tally, useVotingPlatform } from './support/voting-platform';

/*
 * Issue 4, point 7 over HTTP on the whole platform (see voting-follow-up.test.ts): the close of a
 * vote against ballots still arriving, and the new endpoints' contract (OpenAPI, 400s and 404s).
 */

describe("voting over HTTP: closing against racing ballots, and the endpoints' contract", () => {
  const voting = useVotingPlatform('voting-close');
  const { userIds, as, signIn, waitFor, errorCode, inAnHour, caseInDeliberation, draft, vote } =
    voting;
  let server: Server;
  let platform: TestPlatform;
  beforeAll(() => {
    ({ server, platform } = voting);
  });

  it('ballots racing the close are either counted or refused, never accepted and lost', async () => {
    const residents = ROOMS.map((r) => owner(11, 1, r));
    await signIn(...residents);
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '11号楼',
      entrance: '1单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: residents[0]!,
    });
    const resolutionId = await draft(caseId);
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    // Ballots in flight when the close arrives, sent in the same moment: each is counted or
    // refused (by the service, or by the database if it passed the service's check before the close).
    const cast = (who: string, i: number) => vote(who, resolutionId, i % 2 ? 'for' : 'against');
    const [early, late] = [residents.slice(1, 6), residents.slice(6)];
    const all = await Promise.all([
      ...early.map(cast),
      as('shuji').post(`/resolutions/${resolutionId}/close`),
      ...late.map(cast),
    ]);
    const closed = all[early.length]!;
    const ballots = all.filter((_, i) => i !== early.length);
    expect(closed.status).toBe(200);
    const refused = ballots.filter((b) => b.status !== 201);
    for (const b of refused) expect([b.status, errorCode(b.body)]).toEqual([409, 'WRONG_STAGE']);
    const accepted = 1 + ballots.length - refused.length;
    expect((closed.body as Tally).participated.units).toBe(accepted);
    const final = await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200);
    expect((final.body as Tally).participated.units).toBe(accepted);

    // The database itself refuses a ballot once the box is closed, whoever appends it.
    const { store, pool } = platform.runtime;
    const ballot = (unitId: string) => ({
      type: 'BallotCast',
      data: {
        resolutionId,
        unitId,
        choice: 'for',
        channel: 'online',
        byOwner: true,
        castBy: userIds[residents[0]!],
        castAt: new Date().toISOString(),
      },
    });
    const unitId = randomUUID();
    await expect(
      store.append(`ballot-${resolutionId}-${unitId}`, 'no-stream', [ballot(unitId)]),
    ).rejects.toMatchObject({ code: '23V01' });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
      [resolutionId],
    );
    expect(rows[0]).toEqual({ n: accepted });
  });

  it('the close waits in the database for a ballot still being written, and refuses one after it', async () => {
    // Below the service: a ballot's transaction holds its resolution's lock (shared) until it
    // commits; VotingClosed takes it exclusively, so it waits; a ballot after it sees the close.
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '11号楼',
      entrance: '1单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: owner(11, 1, ROOMS[0]!),
    });
    const resolutionId = await draft(caseId);
    const { store, pool } = platform.runtime;
    const stream = `resolution-${resolutionId}`;
    const ballot = (unitId: string) => ({
      resolutionId,
      unitId,
      choice: 'for',
      channel: 'online',
      byOwner: true,
      castBy: userIds[owner(11, 1, ROOMS[0]!)],
      castAt: new Date().toISOString(),
    });
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      const unitId = randomUUID();
      await writer.query(
        `SELECT append_event($1, 0, $2::uuid, 'BallotCast', 1, $3::jsonb, '{}'::jsonb)`,
        [`ballot-${resolutionId}-${unitId}`, randomUUID(), JSON.stringify(ballot(unitId))],
      );
      let closed = false;
      const version = (await store.streamVersion(stream))!;
      const closing = store
        .append(stream, version, [
          {
            type: 'VotingClosed',
            data: {
              resolutionId,
              closedAt: new Date().toISOString(),
              closedBy: userIds.shuji,
              trigger: 'secretary',
            },
          },
        ])
        .then(() => (closed = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(closed).toBe(false);
      await writer.query('COMMIT');
      await closing;
    } finally {
      writer.release();
    }
    const late = randomUUID();
    await expect(
      store.append(`ballot-${resolutionId}-${late}`, 'no-stream', [
        { type: 'BallotCast', data: ballot(late) },
      ]),
    ).rejects.toMatchObject({ code: '23V01' });
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'BallotCast' AND data->>'resolutionId' = $1`,
      [resolutionId],
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('describes every new endpoint in the OpenAPI document, with request and response schemas', async () => {
    const doc = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content: Record<string, { schema: unknown }> };
            responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
          }
        >
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const routes: [string, string, boolean][] = [
      ['post', '/api/v1/cases/{caseId}/resolutions', true],
      ['get', '/api/v1/resolutions/{resolutionId}', false],
      ['post', '/api/v1/resolutions/{resolutionId}/ballots', true],
      ['post', '/api/v1/resolutions/{resolutionId}/close', false],
      ['get', '/api/v1/resolutions/{resolutionId}/tally', false],
      ['post', '/api/v1/cases/{caseId}/tasks', true],
      ['post', '/api/v1/tasks/{taskId}/progress', true],
      ['post', '/api/v1/tasks/{taskId}/complete', true],
      ['post', '/api/v1/tasks/{taskId}/reassign', true],
      ['post', '/api/v1/cases/{caseId}/evaluations', true],
    ];
    // A named schema (a $ref to components) for the JSON body and for the 2xx response.
    const named = (schema: unknown) => typeof (schema as { $ref?: unknown })?.$ref === 'string';
    for (const [method, path, hasBody] of routes) {
      const operation = doc.paths[path]?.[method];
      expect([method, path, operation !== undefined]).toEqual([method, path, true]);
      if (hasBody)
        expect([path, named(operation!.requestBody?.content['application/json']?.schema)]).toEqual([
          path,
          true,
        ]);
      const ok = Object.entries(operation!.responses).find(([status]) => status.startsWith('2'));
      expect([path, named(ok?.[1].content?.['application/json']?.schema)]).toEqual([path, true]);
    }
    expect(Object.keys(doc.components.schemas.TallyResponse?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'rule',
        'matter',
        'electorate',
        'participated',
        'for',
        'against',
        'abstain',
        'thresholds',
        'passed',
        'explanation',
      ]),
    );
  });

  it('refuses bad input on every new endpoint with 400 and a code, and unknown ids with 404', async () => {
    const residents = ROOMS.slice(0, 2).map((r) => owner(10, 2, r));
    await signIn(...residents);
    const caseId = await caseInDeliberation({
      mechanism: 'neighbourhood-consultation',
      building: '10号楼',
      entrance: '2单元',
      parties: ['party-organisation', 'resident-representatives'],
      demandBy: residents[0]!,
    });
    const expect400 = (res: { status: number; body: unknown }, what: string) => {
      expect([what, res.status, errorCode(res.body)]).toEqual([what, 400, 'VALIDATION_FAILED']);
    };

    const good = {
      title: '决议',
      text: '全文',
      rule: 'simple-majority',
      matter: 'ordinary',
      closesAt: inAnHour(),
    };
    for (const [what, bad] of Object.entries({
      'no title': { ...good, title: undefined },
      'empty title': { ...good, title: '' },
      'title too long': { ...good, title: '议'.repeat(201) },
      'text too long': { ...good, text: 'x'.repeat(20_001) },
      'unknown rule': { ...good, rule: 'unanimous' },
      'unknown matter': { ...good, matter: 'huge' },
      'major by simple majority': { ...good, matter: 'major' },
      'closesAt not a time': { ...good, closesAt: 'tomorrow' },
      'closesAt past': { ...good, closesAt: new Date(Date.now() - 60_000).toISOString() },
      'closesAt in two years': {
        ...good,
        closesAt: new Date(Date.now() + 2 * 366 * 86_400_000).toISOString(),
      },
      'title a number': { ...good, title: 42 },
      'unknown field': { ...good, quorum: 0.5 },
    }))
      expect400(await as('shuji').post(`/cases/${caseId}/resolutions`, bad), `resolution: ${what}`);
    // A matter for Article 278 is accepted by the decider.
    const resolutionId = await draft(caseId);

    for (const [what, bad] of Object.entries({
      'no choice': {},
      'unknown choice': { choice: 'maybe' },
      'choice a number': { choice: 1 },
      'unitId not a uuid': { choice: 'for', unitId: '12-2-301' },
      'unknown field': { choice: 'for', channel: 'paper' },
    }))
      expect400(
        await as(residents[0]!).post(`/resolutions/${resolutionId}/ballots`, bad),
        `ballot: ${what}`,
      );
    const malformed = await as(residents[0]!)
      .post(`/resolutions/${resolutionId}/ballots`, '{"choice":')
      .set('Content-Type', 'application/json');
    expect(malformed.status).toBe(400);
    for (const path of ['', '/tally'])
      await as('shuji').get(`/resolutions/${randomUUID()}${path}`).expect(404);
    await as('shuji').post(`/resolutions/${randomUUID()}/close`).expect(404);
    await vote(residents[0]!, randomUUID(), 'for').expect(404);
    await as('shuji').get('/resolutions/not-a-uuid').expect(404);

    // Into follow-up, for tasks and evaluations.
    await vote(residents[0]!, resolutionId, 'for').expect(201);
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');

    const task = {
      title: '任务',
      description: '说明',
      assigneeParty: 'resident-representatives',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    };
    for (const [what, bad] of Object.entries({
      'no title': { ...task, title: undefined },
      'title too long': { ...task, title: 'x'.repeat(201) },
      'description too long': { ...task, description: 'x'.repeat(5001) },
      'unknown party': { ...task, assigneeParty: 'street-office' },
      'dueAt not a time': { ...task, dueAt: 'next week' },
      'dueAt past': { ...task, dueAt: new Date(Date.now() - 60_000).toISOString() },
      'unknown field': { ...task, priority: 'high' },
    }))
      expect400(await as('shuji').post(`/cases/${caseId}/tasks`, bad), `task: ${what}`);
    const taskId = (
      (await as('shuji').post(`/cases/${caseId}/tasks`, task).expect(201)).body as { id: string }
    ).id;

    const evidence = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://oss.example.cn/e/${i}.jpg`);
    const progress = { percent: 50, note: '进行中', evidence: evidence(20) };
    for (const [what, bad] of Object.entries({
      'percent over 100': { ...progress, percent: 101 },
      'percent negative': { ...progress, percent: -1 },
      'percent fractional': { ...progress, percent: 33.3 },
      'percent text': { ...progress, percent: 'half' },
      'no percent': { ...progress, percent: undefined },
      'no note': { ...progress, note: undefined },
      'note too long': { ...progress, note: 'x'.repeat(2001) },
      '21 evidence links': { ...progress, evidence: evidence(21) },
      'evidence not http': { ...progress, evidence: ['ftp://files.example.cn/a.jpg'] },
      'evidence not a url': { ...progress, evidence: ['照片'] },
      'evidence not a list': { ...progress, evidence: 'https://oss.example.cn/a.jpg' },
      'unknown field': { ...progress, photos: [] },
    }))
      expect400(
        await as('jumindaibiao').post(`/tasks/${taskId}/progress`, bad),
        `progress: ${what}`,
      );
    await as('jumindaibiao').post(`/tasks/${taskId}/progress`, progress).expect(201);
    for (const [what, bad] of Object.entries({
      'no note': {},
      'note a number': { note: 5 },
      'evidence not http': { note: '完成', evidence: ['javascript:alert(1)'] },
      'unknown field': { note: '完成', percent: 100 },
    }))
      expect400(
        await as('jumindaibiao').post(`/tasks/${taskId}/complete`, bad),
        `complete: ${what}`,
      );
    for (const [what, bad] of Object.entries({
      'no party': {},
      'unknown party': { assigneeParty: 'nobody' },
      'dueAt not a time': { assigneeParty: 'partner-units', dueAt: 'soon' },
      'reason too long': { assigneeParty: 'partner-units', reason: 'x'.repeat(2001) },
    }))
      expect400(await as('shuji').post(`/tasks/${taskId}/reassign`, bad), `reassign: ${what}`);
    await as('shuji').post(`/tasks/${randomUUID()}/complete`, { note: 'x' }).expect(404);
    await as('shuji')
      .post(`/tasks/${randomUUID()}/reassign`, { assigneeParty: 'partner-units' })
      .expect(404);
    await as('jumindaibiao').post(`/tasks/${taskId}/complete`, { note: '完成' }).expect(200);
    // A done task takes no more progress.
    const done = await as('jumindaibiao')
      .post(`/tasks/${taskId}/progress`, { percent: 100, note: 'x' })
      .expect(409);
    expect(errorCode(done.body)).toBe('WRONG_STAGE');

    for (const [what, bad] of Object.entries({
      'no rating': {},
      'unknown rating': { rating: 'great' },
      'comment too long': { rating: 'satisfied', comment: 'x'.repeat(2001) },
      'unitId not a uuid': { rating: 'satisfied', unitId: '10-2-101' },
      'unknown field': { rating: 'satisfied', stars: 5 },
    }))
      expect400(
        await as(residents[1]!).post(`/cases/${caseId}/evaluations`, bad),
        `evaluation: ${what}`,
      );
    await as(residents[1]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' })
      .expect(201);
  });
});
