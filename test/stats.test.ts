import { type Server } from 'node:http';
import request from 'supertest';
import { workingDaysBetween } from '@yishi/domain';
import { PARTY_ACCOUNTS, rawBytes } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 6, point 5 over HTTP: GET /communities/:id/stats over a known set of four cases equals the
 * numbers worked out by hand below, and the CSV export carries them with a BOM and Chinese headers.
 * 办结 counts R alone (issue 21): U is unresolved and W, withdrawn, leaves the base.
 *
 *   R  resolved: through all four stages, every acknowledgement on time, 12 units evaluate
 *      (9 satisfied, 2 basically satisfied, 1 dissatisfied)
 *   W  withdrawn: the party organisation acknowledges on time, the residents' representatives are
 *      escalated (吹哨), the secretary rates that escalation satisfied (一哨一评)
 *   U  unresolved: both acknowledge on time, closed by hand with a reason
 *   O  open: nobody acknowledges, both escalated
 */

type Party = keyof typeof PARTY_ACCOUNTS;
const PARTIES: Party[] = ['party-organisation', 'resident-representatives'];
const ROOMS = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502', '601', '602'];

interface Stats {
  cases: { opened: number; open: number; closed: number };
  closureRate: number | null;
  satisfactionRate: number | null;
  onTimeAcknowledgementRate: number | null;
  escalations: number;
  averageDaysPerStage: Record<string, number | null>;
  endStates: Record<string, number>;
  evaluations: Record<string, number>;
  escalationsByCause: Record<string, number>;
  parties: {
    party: string;
    acknowledgementsDue: number;
    acknowledgedOnTime: number;
    onTimeAcknowledgementRate: number | null;
    escalations: number;
    ratings: Record<string, number>;
    ratingSatisfactionRate: number | null;
    rates: Record<string, { rate: number | null; numerator: number; denominator: number }>;
  }[];
  rates: Record<string, { rate: number | null; numerator: number; denominator: number }>;
  estates: { estate: string; cases: { opened: number } }[];
}

describe('statistics over HTTP: a known set of cases', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { tokens, as, signIn, view, waitFor, acknowledge, walkToFollowUp } = httpActors(
    () => server,
  );
  const open = async (title: string, building: string, entrance: string) => {
    const res = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'neighbourhood-consultation',
        title,
        description: title,
        category: '设施维修',
        scope: { estate: '金泰和庄', building, entrance },
      })
      .expect(201);
    return (res.body as { id: string }).id;
  };

  const ids: Record<'R' | 'W' | 'U' | 'O', string> = { R: '', W: '', U: '', O: '' };
  let start = '';

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('stats'));
    const residents = ROOMS.map((r) => `yezhu-12-2-${r}`);
    await signIn('shuji', ...Object.values(PARTY_ACCOUNTS), ...residents);
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
    start = new Date().toISOString();

    // R: resolved.
    const r = (ids.R = await open('R 楼道积水', '12号楼', '2单元'));
    await as(residents[0]!)
      .post(`/cases/${r}/demands`, { content: '楼道积水', source: 'online' })
      .expect(201);
    await walkToFollowUp(r, {
      parties: PARTIES,
      voter: residents[0]!,
      analysis: { summary: '排水口堵塞', option: '疏通', optionText: '物业疏通' },
      minutes: '同意疏通',
      resolution: { title: '疏通决议', text: '物业疏通排水口' },
    });
    const task = await as('shuji')
      .post(`/cases/${r}/tasks`, { title: '疏通排水口', assigneeParty: 'property-company' })
      .expect(201);
    await as('wuye')
      .post(`/tasks/${(task.body as { id: string }).id}/complete`, { note: '已疏通' })
      .expect(200);
    const ratings = [
      ...Array<string>(9).fill('satisfied'),
      'basically-satisfied',
      'basically-satisfied',
      'dissatisfied',
    ];
    for (const [i, rating] of ratings.entries())
      await as(residents[i]!).post(`/cases/${r}/evaluations`, { rating }).expect(201);
    await waitFor(r, 'R closed', (c) => c.status === 'closed');

    // W, U, O: acknowledgements due in 1.8 s.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        acknowledgementHours: 0.0005,
        reminderBeforeHours: 0,
      })
      .expect(200);
    ids.W = await open('W 撤回的案件', '10号楼', '1单元');
    ids.U = await open('U 未解决的案件', '10号楼', '2单元');
    ids.O = await open('O 仍在办理的案件', '11号楼', '1单元');
    await acknowledge(ids.W, 'gathering', ['party-organisation']);
    await acknowledge(ids.U, 'gathering', PARTIES);
    await waitFor(ids.W, 'W escalated', (c) => c.escalations.length === 1);
    await waitFor(ids.O, 'O escalated', (c) => c.escalations.length === 2);
    await as('shuji')
      .post(`/cases/${ids.W}/escalations/ack_1_resident-representatives/rating`, {
        rating: 'satisfied',
      })
      .expect(201);
    await as('shuji').post(`/cases/${ids.W}/close`, { outcome: 'withdrawn' }).expect(200);
    await as('shuji')
      .post(`/cases/${ids.U}/close`, { outcome: 'unresolved', reason: '超出社区职权' })
      .expect(200);
    await waitFor(ids.W, 'W closed', (c) => c.status === 'closed');
    await waitFor(ids.U, 'U closed', (c) => c.status === 'closed');
  }, 120_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  it('equals the numbers worked out by hand', async () => {
    // From `start`: the demo data's own case, opened at the first start, is left out.
    const res = await as('wuye')
      .get(`/communities/${communityId}/stats?from=${encodeURIComponent(start)}`)
      .expect(200);
    const s = res.body as Stats;
    expect(s.cases).toEqual({ opened: 4, open: 1, closed: 3 });
    // 办结: R only (U is unresolved), of the 4 opened less W withdrawn.
    expect(s.closureRate).toBe(1 / 3);
    expect(s.satisfactionRate).toBe(11 / 12);
    expect(s.rates).toEqual({
      closureRate: { rate: 1 / 3, numerator: 1, denominator: 3 },
      satisfactionRate: { rate: 11 / 12, numerator: 11, denominator: 12 },
      onTimeAcknowledgementRate: { rate: 11 / 14, numerator: 11, denominator: 14 },
    });
    expect(s.evaluations).toEqual({
      total: 12,
      satisfied: 9,
      basicallySatisfied: 2,
      dissatisfied: 1,
    });
    expect(s.endStates).toEqual({ resolved: 1, unresolved: 1, withdrawn: 1, unevaluated: 0 });
    // R: 4 stages × 2 parties on time; W: 1 of 2; U: 2 of 2; O: 0 of 2 → 11 of 14.
    expect(s.onTimeAcknowledgementRate).toBe(11 / 14);
    expect(s.escalations).toBe(3);
    expect(s.escalationsByCause).toEqual({ acknowledgement: 3, 'task-overdue': 0, evaluation: 0 });
    const party = (p: string) => s.parties.find((x) => x.party === p);
    expect(party('party-organisation')).toMatchObject({
      acknowledgementsDue: 7,
      acknowledgedOnTime: 6,
      onTimeAcknowledgementRate: 6 / 7,
      escalations: 1,
      ratings: { satisfied: 0, 'basically-satisfied': 0, dissatisfied: 0, unrated: 1 },
      ratingSatisfactionRate: null,
    });
    expect(party('resident-representatives')).toMatchObject({
      acknowledgementsDue: 7,
      acknowledgedOnTime: 5,
      onTimeAcknowledgementRate: 5 / 7,
      escalations: 2,
      ratings: { satisfied: 1, 'basically-satisfied': 0, dissatisfied: 0, unrated: 1 },
      ratingSatisfactionRate: 1,
      rates: {
        onTimeAcknowledgementRate: { rate: 5 / 7, numerator: 5, denominator: 7 },
        ratingSatisfactionRate: { rate: 1, numerator: 1, denominator: 1 },
      },
    });
    expect(party('property-company')).toMatchObject({
      acknowledgementsDue: 0,
      onTimeAcknowledgementRate: null,
      escalations: 0,
    });

    // Average working days per stage: the entries that ended (R's four, W's and U's gathering).
    const views = await Promise.all(Object.values(ids).map(view));
    for (const stage of ['gathering', 'analysis', 'deliberation', 'follow-up']) {
      const spans = views.flatMap((v) =>
        v.stageHistory
          .filter((h) => h.stage === stage && h.leftAt !== null)
          .map((h) => workingDaysBetween(h.enteredAt, h.leftAt!)),
      );
      expect(spans).toHaveLength(stage === 'gathering' ? 3 : 1);
      expect(s.averageDaysPerStage[stage]).toBeCloseTo(
        spans.reduce((a, b) => a + b, 0) / spans.length,
        12,
      );
    }
    expect(s.estates).toEqual([
      expect.objectContaining({ estate: '金泰和庄', cases: { opened: 4, open: 1, closed: 3 } }),
    ]);
  });

  it('counts only the cases opened in the range, and one estate', async () => {
    const r = await view(ids.R);
    const q = `from=${encodeURIComponent(start)}&to=${encodeURIComponent(r.openedAt)}`;
    const before = await as('shuji').get(`/communities/${communityId}/stats?${q}`).expect(200);
    expect(before.body).toMatchObject({
      cases: { opened: 0, open: 0, closed: 0 },
      closureRate: null,
      satisfactionRate: null,
      onTimeAcknowledgementRate: null,
      escalations: 0,
      averageDaysPerStage: {
        gathering: null,
        analysis: null,
        deliberation: null,
        'follow-up': null,
      },
      estates: [],
    });
    // From W's opening: W, U and O.
    const w = await view(ids.W);
    const later = await as('shuji')
      .get(`/communities/${communityId}/stats?from=${encodeURIComponent(w.openedAt)}`)
      .expect(200);
    expect(later.body).toMatchObject({
      cases: { opened: 3, open: 1, closed: 2 },
      satisfactionRate: null,
      onTimeAcknowledgementRate: 3 / 6,
      escalations: 3,
    });
    const other = await as('shuji')
      .get(`/communities/${communityId}/stats?estate=${encodeURIComponent('别的小区')}`)
      .expect(200);
    expect(other.body).toMatchObject({ estate: '别的小区', cases: { opened: 0 } });
    const bad = await as('shuji')
      .get(`/communities/${communityId}/stats?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`)
      .expect(400);
    expect((bad.body as { error: { code: string } }).error.code).toBe('VALIDATION_FAILED');
    await as('shuji').get(`/communities/${communityId}/stats?from=yesterday`).expect(400);
    await request(server).get(`/api/v1/communities/${communityId}/stats`).expect(401);
  });

  it('exports CSV with a BOM and Chinese headers', async () => {
    const res = await request(server)
      .get(`/api/v1/communities/${communityId}/stats/export?from=${encodeURIComponent(start)}`)
      .set('Authorization', `Bearer ${tokens.shuji}`)
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    // The cases' table (the community, its estate), a blank line, the ledger's (no demands here).
    expect(lines).toHaveLength(6);
    expect(lines[3]).toBe('');
    expect(
      lines[4]!.startsWith('诉求范围,统计起,统计止,受理诉求,已销号,响应率(%),响应率基数'),
    ).toBe(true);
    expect(lines[5]!.split(',').slice(3)).toEqual([
      '0',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '',
      '0',
      '0',
    ]);
    const header = lines[0]!.split(',');
    expect(header.slice(0, 18)).toEqual([
      '范围',
      '统计起',
      '统计止',
      '新增案件',
      '办理中',
      '已销号',
      '办结率(%)',
      '办结率基数(立项减撤回)',
      '满意率(%)',
      '评价户次',
      '按时签收率(%)',
      '应签收次数',
      '吹哨次数',
      '已解决(办结)',
      '未解决',
      '已撤回',
      '参评不足(未评价)',
      '了解诉求平均工作日',
    ]);
    expect(header).toContain('居民代表一哨一评满意率(%)');
    const total = lines[1]!.split(',');
    expect(total.slice(3, 17)).toEqual([
      '4',
      '1',
      '3',
      '33.33',
      '3',
      '91.67',
      '12',
      '78.57',
      '14',
      '3',
      '1',
      '1',
      '1',
      '0',
    ]);
    expect(total[0]).toContain('全社区');
    expect(lines[2]!.startsWith('金泰和庄,')).toBe(true);
  });
});
