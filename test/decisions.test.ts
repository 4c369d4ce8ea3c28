import { until } from './support/wait';
import { owner, ROOMS, useVotingPlatform, type Party } from './support/voting-platform';

/*
 * Decision kinds over HTTP (docs/procedure.md, step 3), on the demo platform: a neighbourhood
 * consultation decided in council (议事会决定) closes without any owners' vote; a resident poll
 * (居民意见征询) counts a tenant's household, one answer per household; a choice among three plans
 * with a tie reports the tie and fails.
 */
const HAN = /\p{Script=Han}/u;
const REQUIRED: Party[] = ['party-organisation', 'resident-representatives'];

interface Tally {
  rule: string;
  passed: boolean;
  final: boolean;
  for: { units: number };
  against: { units: number };
  turnout?: { answers: number; households: number; percent: string | null };
  agreed?: { party: string; userId: string }[];
  parties?: { party: string; choice: string | null; answeredBy: string | null }[];
  options?: { index: number; title: string; answers: number }[];
  winner?: number | null;
  tie?: number[] | null;
  explanation: { zh: string };
}

describe('decision kinds over HTTP: council, resident poll, choosing among plans', () => {
  const voting = useVotingPlatform('decisions');
  const { as, signIn, signInWith, userIds, waitFor, acknowledge, settings, inAnHour } = voting;

  const error = (res: { status: number; body: unknown }) => [
    res.status,
    (res.body as { error?: { code: string } }).error?.code,
  ];
  const message = (res: { body: unknown }) =>
    (res.body as { error: { message: string } }).error.message;

  /** A neighbourhood consultation over one entrance, taken into deliberation without a meeting. */
  async function inDeliberation(building: string, entrance: string, procedure?: object) {
    const opened = await as('shuji')
      .post(`/communities/${voting.communityId}/cases`, {
        mechanism: 'neighbourhood-consultation',
        title: `${building}${entrance}楼道堆物`,
        description: '楼道堆物影响通行',
        category: '邻里纠纷',
        scope: { estate: '金泰和庄', building, entrance },
        ...(procedure === undefined ? {} : { procedure }),
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await as('wanggeyuan')
      .post(`/cases/${caseId}/demands`, { content: '楼道堆物', source: 'grid-patrol' })
      .expect(201);
    await acknowledge(caseId, 'gathering', REQUIRED);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '楼道堆物，需清理',
        leadParty: 'property-company',
        options: [{ title: '物业清理', description: '物业统一清理' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', REQUIRED);
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    await acknowledge(caseId, 'deliberation', REQUIRED);
    return caseId;
  }

  const draft = (caseId: string, body: object) =>
    as('shuji').post(`/cases/${caseId}/resolutions`, {
      title: '关于清理楼道堆物的决定',
      text: '由物业统一清理楼道堆物。',
      closesAt: inAnHour(),
      ...body,
    });

  const answer = (who: string, resolutionId: string, choice: string | number) =>
    as(who).post(`/resolutions/${resolutionId}/ballots`, { choice });

  it('a 邻里会商 decided in council closes, through follow-up and evaluation, with no Art. 278 vote', async () => {
    await settings({ evaluationWindowHours: 24 });
    const residents = ROOMS.map((r) => owner(10, 1, r));
    await signIn(...residents);
    const caseId = await inDeliberation('10号楼', '1单元');

    // Nobody present yet: a council cannot be drafted (409, Chinese).
    const early = await draft(caseId, { rule: 'council' });
    expect(error(early)).toEqual([409, 'WRONG_STAGE']);
    expect(message(early)).toMatch(HAN);

    await as('shuji')
      .post(`/cases/${caseId}/meetings`, {
        heldAt: new Date().toISOString(),
        place: '社区议事厅',
        attendance: [
          { party: 'party-organisation', attendees: [userIds.dangwei] },
          { party: 'resident-representatives', attendees: [userIds.jumindaibiao] },
        ],
        minutes: '两方同意由物业清理楼道',
      })
      .expect(201);
    const drafted = await draft(caseId, { rule: 'council' }).expect(201);
    const resolutionId = (drafted.body as { id: string }).id;
    const resolution = await as('dangwei').get(`/resolutions/${resolutionId}`).expect(200);
    expect(resolution.body).toMatchObject({
      rule: 'council',
      status: 'open',
      electorate: { units: 2 },
      me: { eligibleUnitIds: ['party-organisation'], reason: null },
    });

    // A party not present, and a resident, cannot answer (403, Chinese).
    for (const who of ['wuye', residents[0]!]) {
      const refused = await answer(who, resolutionId, 'for');
      expect(error(refused)).toEqual([403, 'FORBIDDEN']);
      expect(message(refused)).toMatch(HAN);
    }
    await answer('dangwei', resolutionId, 'for').expect(201);
    // One answer per party.
    expect(error(await answer('dangwei', resolutionId, 'against'))).toEqual([409, 'ALREADY_VOTED']);
    await answer('jumindaibiao', resolutionId, 'for').expect(201);

    // Every party present answered: the council closes at once, passes, and the case moves on.
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
    const tally = (await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200))
      .body as Tally;
    expect(tally).toMatchObject({ rule: 'council', passed: true, final: true });
    expect(tally.agreed).toEqual([
      { party: 'party-organisation', userId: userIds.dangwei },
      { party: 'resident-representatives', userId: userIds.jumindaibiao },
    ]);
    expect(tally.explanation.zh).toContain('出席各方一致同意');

    await acknowledge(caseId, 'follow-up', REQUIRED);
    const task = await as('shuji')
      .post(`/cases/${caseId}/tasks`, {
        title: '清理楼道堆物',
        assigneeParty: 'resident-representatives',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(201);
    await as('jumindaibiao')
      .post(`/tasks/${(task.body as { id: string }).id}/complete`, { note: '已清理' })
      .expect(200);
    for (const who of residents)
      await as(who).post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' }).expect(201);
    await waitFor(caseId, 'closed', (c) => c.status === 'closed');

    // The timeline is a read model: it shows the close a moment later.
    type Item = { type: string; data: { rule?: string } };
    let items: Item[] = [];
    await until(async () => {
      const events = await as('shuji').get(`/cases/${caseId}/events`).expect(200);
      items = (events.body as { items: Item[] }).items;
      return items.some((e) => e.type === 'CaseClosed');
    }, 15_000);
    const rules = items.filter((e) => e.type === 'ResolutionDrafted').map((e) => e.data.rule);
    expect(rules).toEqual(['council']);
  });

  it('a resident poll counts a tenant household, one answer per household', async () => {
    const [first, second, third] = ROOMS.map((r) => owner(10, 2, r));
    await signIn(first!, second!, third!);
    const unitOfFirst = voting.unitIds[first!]!;
    const tenant = 'zuhu-10-2-101-poll';
    const created = await as('shuji')
      .post('/users', { username: tenant, password: 'tenant-pass-2026', displayName: '租户小王' })
      .expect(201);
    await as('shuji')
      .post(`/communities/${voting.communityId}/memberships`, {
        userId: (created.body as { id: string }).id,
        roles: ['resident'],
        unitIds: [unitOfFirst],
        occupancy: 'tenant',
      })
      .expect(201);
    await signInWith(tenant, 'tenant-pass-2026');

    const caseId = await inDeliberation('10号楼', '2单元', {
      meeting: 'optional',
      decision: 'resident-poll',
    });
    const drafted = await draft(caseId, { rule: 'resident-poll' }).expect(201);
    const resolutionId = (drafted.body as { id: string }).id;
    const seen = await as(tenant).get(`/resolutions/${resolutionId}`).expect(200);
    expect(seen.body).toMatchObject({
      rule: 'resident-poll',
      me: { eligibleUnitIds: [unitOfFirst], reason: null },
    });
    const households = (seen.body as { electorate: { units: number } }).electorate.units;
    expect(households).toBeGreaterThanOrEqual(3);

    // The residents of the households are told the poll opened, the tenant too.
    await until(async () => {
      const res = await as(tenant).get('/me/notifications?limit=50').expect(200);
      return (res.body as { items: { kind: string; caseId: string }[] }).items.some(
        (n) => n.kind === 'voting-opened' && n.caseId === caseId,
      );
    }, 15_000);
    // The tenant answers for the household; the owner of the same unit is then refused.
    await answer(tenant, resolutionId, 'for').expect(201);
    const again = await answer(first!, resolutionId, 'against');
    expect(error(again)).toEqual([409, 'ALREADY_VOTED']);
    expect(message(again)).toMatch(HAN);
    // Someone with no household in scope cannot answer (403 with a code, Chinese).
    const outsider = await answer('wuye', resolutionId, 'for');
    expect(error(outsider)).toEqual([403, 'FORBIDDEN']);
    expect(message(outsider)).toMatch(HAN);
    await answer(second!, resolutionId, 'against').expect(201);
    await answer(third!, resolutionId, 'for').expect(201);

    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    const tally = closed.body as Tally;
    expect(tally).toMatchObject({
      rule: 'resident-poll',
      passed: true,
      for: { units: 2 },
      against: { units: 1 },
      turnout: { answers: 3, households },
    });
    expect(tally.explanation.zh).toContain('不设最低参与率');
    // The poll decides a resident-poll procedure: the case moves on.
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');
  });

  it('a poll over a scope where nobody lives is refused before anything is written', async () => {
    await as('shuji')
      .post(`/communities/${voting.communityId}/units`, {
        units: [
          { estate: '金泰和庄', building: '13号楼', entrance: '1单元', room: '101', area: 80 },
        ],
      })
      .expect(201);
    const caseId = await inDeliberation('13号楼', '1单元', {
      meeting: 'optional',
      decision: 'resident-poll',
    });
    const refused = await draft(caseId, { rule: 'resident-poll' });
    expect(error(refused)).toEqual([409, 'WRONG_STAGE']);
    expect(message(refused)).toMatch(HAN);
    const events = await as('shuji').get(`/cases/${caseId}/events`).expect(200);
    expect((events.body as { items: { type: string }[] }).items.map((e) => e.type)).not.toContain(
      'ResolutionDrafted',
    );
  });

  it('a choice among three plans with a tie reports the tie, and fails', async () => {
    const residents = ROOMS.slice(0, 3).map((r) => owner(11, 1, r));
    await signIn(...residents);
    const caseId = await inDeliberation('11号楼', '1单元', {
      meeting: 'optional',
      decision: 'resident-poll',
    });
    const bad = await draft(caseId, { rule: 'resident-poll', options: [{ title: '只有一个' }] });
    expect(error(bad)).toEqual([400, 'VALIDATION_FAILED']);
    const plans = [{ title: '物业清理' }, { title: '居民自清' }, { title: '设置储物间' }];
    const drafted = await draft(caseId, { rule: 'resident-poll', options: plans }).expect(201);
    const resolutionId = (drafted.body as { id: string }).id;
    const seen = await as(residents[0]!).get(`/resolutions/${resolutionId}`).expect(200);
    expect((seen.body as { options: unknown }).options).toEqual(plans);

    // An option out of range, or a yes/no answer to a choice of plans: 400, Chinese.
    for (const choice of [3, 'for']) {
      const refused = await answer(residents[0]!, resolutionId, choice);
      expect(error(refused)).toEqual([400, 'VALIDATION_FAILED']);
      expect(message(refused)).toMatch(HAN);
    }
    const cast = await answer(residents[0]!, resolutionId, 0).expect(201);
    expect(cast.body).toMatchObject({ choice: 'for', option: 0 });
    await answer(residents[1]!, resolutionId, 2).expect(201);
    await answer(residents[2]!, resolutionId, 'abstain').expect(201);

    const closed = await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    const tally = closed.body as Tally;
    expect(tally).toMatchObject({ passed: false, winner: null, tie: [0, 2] });
    expect(tally.options?.map((o) => o.answers)).toEqual([1, 0, 1]);
    expect(tally.explanation.zh).toContain('平局');
    const again = await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200);
    expect(again.body).toMatchObject({ tie: [0, 2], passed: false });
    // A failed resolution sends the case back to analysis, as for every decision kind.
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await until(async () => {
      const res = await as('shuji').get(`/resolutions/${resolutionId}`).expect(200);
      return (res.body as { status: string }).status === 'failed';
    });
  });
});
