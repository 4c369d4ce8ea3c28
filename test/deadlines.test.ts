import { type Server } from 'node:http';
import { Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { createRedisConnection, QUEUES } from '@yishi/messaging';
import { deadlineTimerJobId, timerJobId } from '@yishi/cases';
import { client, login, PARTY_ACCOUNTS } from './support/api';
import { testRedisUrl, type TestDatabase } from './support/database';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { reconcileOnce } from './support/reconcile';
import { until } from './support/wait';

type PartyId = keyof typeof PARTY_ACCOUNTS;
const PARTY_IDS = Object.keys(PARTY_ACCOUNTS) as PartyId[];

/** Hours, for the community settings (they accept fractions). */
const seconds = (s: number) => s / 3600;
const DEFAULT_SETTINGS = {
  acknowledgementHours: 48,
  reminderBeforeHours: 24,
  noticePeriodHours: 0,
};

interface Notification {
  caseId: string | null;
  party: string | null;
  kind: string;
  stage: string | null;
  body: string;
}
interface CaseView {
  stage: string;
  version: number;
  parties: { party: string; acknowledgedStages: string[]; escalatedStages: string[] }[];
  lastAdvanceRejection: { to: string; unmet: { message: string }[] } | null;
  whistles: { whistleId: string; escalationId: string | null; outcome: string | null }[];
  escalations: { id: string; rating: { rating: string } | null }[];
}
interface TimelineItem {
  type: string;
  data: Record<string, unknown>;
  actorId: string | null;
}

describe('acknowledgement deadlines, escalation (吹哨报到) and the reconciler (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  let prefix: string;
  let redis: Redis;
  let deadlines: Queue;
  let timers: Queue;
  const tokens: Record<string, string> = {};
  const as = (who: string) => client(server, tokens[who]);

  beforeAll(async () => {
    // Only the runs this test adds by hand (and the one at start) reconcile.
    ({ db, platform, server } = await startDemoPlatform('deadlines', {
      RECONCILE_EVERY_MS: String(3_600_000),
    }));
    prefix = platform.runtime.config.queuePrefix;
    redis = createRedisConnection(testRedisUrl(), 'worker', 'yishi-test-deadlines');
    deadlines = new Queue(QUEUES.caseDeadlines, { connection: redis, prefix });
    timers = new Queue(QUEUES.caseTimers, { connection: redis, prefix });
    for (const u of ['shuji', 'yezhu-12-2-301', 'jiedao', ...Object.values(PARTY_ACCOUNTS)])
      tokens[u] = await login(server, u);
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
  });
  afterAll(async () => {
    await deadlines.close();
    await timers.close();
    redis.disconnect();
    await platform.close();
    await db.drop();
  });

  // ---------------------------------------------------------------- helpers

  const settings = (patch: Record<string, number>) =>
    as('shuji').patch(`/communities/${communityId}/settings`, patch).expect(200);

  /** Opens a five-party case under the given settings, then restores the defaults, so only its
   * first stage entry has the short deadlines. */
  async function openCase(title: string, patch: Record<string, number>): Promise<string> {
    await settings(patch);
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'five-party-hall',
        title,
        description: '吹哨报到测试',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
      })
      .expect(201);
    await settings(DEFAULT_SETTINGS);
    return (opened.body as { id: string }).id;
  }

  const view = async (caseId: string): Promise<CaseView> =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as CaseView;

  const timeline = async (caseId: string): Promise<TimelineItem[]> =>
    (
      (await as('shuji').get(`/cases/${caseId}/events`).expect(200)).body as {
        items: TimelineItem[];
      }
    ).items;

  async function inbox(user: string, caseId: string, kind: string): Promise<Notification[]> {
    const res = await as(user).get('/me/notifications?limit=100').expect(200);
    return (res.body as { items: Notification[] }).items.filter(
      (n) => n.caseId === caseId && n.kind === kind,
    );
  }

  const acknowledge = (caseId: string, party: PartyId, stage: string) =>
    as(PARTY_ACCOUNTS[party]).post(`/cases/${caseId}/acknowledgements`, { stage }).expect(201);

  async function rows(caseId: string) {
    const { rows: r } = await db.pool.query<{
      party: string;
      kind: string;
      status: string;
      entry: number;
    }>(
      `SELECT party, kind, status, entry FROM case_deadlines WHERE case_id = $1
        ORDER BY entry, party, kind`,
      [caseId],
    );
    return r;
  }

  /** A job in one of these states, or undefined. */
  async function jobState(queue: Queue, id: string): Promise<string | undefined> {
    const job = await queue.getJob(id);
    return job === undefined ? undefined : job.getState();
  }

  /** Deletes this test file's BullMQ keys, and only those: other test files share this Redis. */
  async function emptyRedis(): Promise<void> {
    expect(prefix).toMatch(/^\{yishi-test-[0-9a-z]+_[0-9a-f]+-deadlines-[0-9a-f]+\}$/);
    // These tests are about the reconciler. The relay's own recovery (its marker gone, it publishes
    // the events since its settled point again, and the stage entry's reaction restores the rows
    // first) is kept out by keeping its marker; libs/relay's test and the chaos test cover it.
    const marker = `${prefix}:relay:redis-marker`;
    // Running workers may write a queue's `meta` key again at once, and work still in flight on a
    // loaded machine (a relay batch, a notification) may land just after the delete: delete again
    // until nothing but `meta` is left, as a Redis that lost everything would be.
    let left: string[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      const keys = (await redis.keys(`${prefix}:*`)).filter((k) => k !== marker);
      if (keys.length > 0) await redis.unlink(...keys);
      left = (await redis.keys(`${prefix}:*`)).filter((k) => !k.endsWith(':meta') && k !== marker);
      if (left.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toEqual([]);
  }

  const reconcile = () => reconcileOnce(deadlines, db.pool);

  // ---------------------------------------------------------------- tests

  it('a party that never acknowledges is reminded once, then escalated to the street officer; the case moves on', async () => {
    // Deadline 10 s after the stage entry, reminder 5 s before it.
    const caseId = await openCase('吹哨：共建单位未签收', {
      acknowledgementHours: seconds(10),
      reminderBeforeHours: seconds(5),
    });
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '下水道又堵了', source: 'online' })
      .expect(201);
    for (const party of PARTY_IDS.filter((p) => p !== 'partner-units'))
      await acknowledge(caseId, party, 'gathering');
    // Asked before 共建单位 acknowledged: rejected; the escalation will satisfy the gate.
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await until(async () => (await view(caseId)).lastAdvanceRejection !== null, 10_000);
    expect((await view(caseId)).stage).toBe('gathering');

    await until(
      async () => (await inbox('gongjian', caseId, 'acknowledgement-reminder')).length > 0,
      15_000,
      'the reminder',
    );
    const reminders = await inbox('gongjian', caseId, 'acknowledgement-reminder');
    expect(reminders).toEqual([
      expect.objectContaining({ party: 'partner-units', stage: 'gathering' }),
    ]);
    expect(reminders[0]!.body).toContain('尚未签收');
    // Not escalated before the deadline.
    expect((await timeline(caseId)).map((e) => e.type)).not.toContain('PartyEscalated');

    await until(
      async () => (await timeline(caseId)).some((e) => e.type === 'PartyEscalated'),
      15_000,
      'PartyEscalated',
    );
    const events = await timeline(caseId);
    const escalated = events.filter((e) => e.type === 'PartyEscalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.actorId).toBe('system:workflow');
    expect(escalated[0]!.data).toMatchObject({
      party: 'partner-units',
      stage: 'gathering',
      entry: 1,
    });
    await until(
      async () => (await inbox('jiedao', caseId, 'escalated')).length > 0,
      10_000,
      'the street officer’s notification',
    );
    const whistle = await inbox('jiedao', caseId, 'escalated');
    expect(whistle).toEqual([
      expect.objectContaining({ party: 'partner-units', stage: 'gathering' }),
    ]);
    expect(whistle[0]!.body).toContain('吹哨报到');

    // The escalation is a whistle to the street's office (一哨一评), and the gate waits for its
    // answer: the case stays in gathering until the street answers.
    await until(
      async () =>
        (await view(caseId)).whistles.some((w) => w.escalationId === 'ack_1_partner-units'),
      10_000,
      'the escalation whistle on the case',
    );
    const [link] = (await view(caseId)).whistles;
    const street = (await as('jiedao').get(`/whistles/${link!.whistleId}`).expect(200)).body as {
      subject: string;
      tracks: { departmentName: string }[];
      caseId: string | null;
    };
    expect(street.subject).toBe('《吹哨：共建单位未签收》共建单位逾期未签收');
    expect(street.tracks.map((t) => t.departmentName)).toEqual(['街道办']);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await view(caseId)).stage).toBe('gathering');
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await until(
      async () =>
        (await view(caseId)).lastAdvanceRejection?.unmet.some((u) =>
          u.message.includes('已吹哨，待街道反馈'),
        ) === true,
      10_000,
      'the rejection that waits for the street',
    );
    await as('jiedao').post(`/whistles/${link!.whistleId}/acceptance`, {}).expect(201);
    await as('jiedao')
      .post(`/whistles/${link!.whistleId}/feedback`, {
        result: '已联系共建单位，同意不待其签收继续推进',
      })
      .expect(201);
    // The street's answer satisfies the gate: the requested move now happens by itself.
    await until(async () => (await view(caseId)).stage === 'analysis', 10_000, 'auto-advance');
    await until(
      async () => (await timeline(caseId)).some((e) => e.type === 'StageAdvanced'),
      10_000,
      'the advance in the timeline',
    );
    const types = (await timeline(caseId)).map((e) => e.type);
    expect(types.indexOf('StageAdvanced')).toBeGreaterThan(types.indexOf('CaseWhistleAnswered'));
    expect(types.indexOf('CaseWhistleAnswered')).toBeGreaterThan(types.indexOf('PartyEscalated'));
    // The secretary rates the street's answer; the link is settled.
    await as('shuji')
      .post(`/whistles/${link!.whistleId}/rating`, { rating: 'satisfied' })
      .expect(201);
    await until(
      async () => (await view(caseId)).whistles[0]?.outcome === 'closed',
      10_000,
      'the whistle settled on the case',
    );
    // 一哨一评: the rating of the street's answer is the escalation's rating on the case too.
    await until(
      async () => (await view(caseId)).escalations[0]?.rating?.rating === 'satisfied',
      10_000,
      "the escalation's rating on the case",
    );
    const partner = (await view(caseId)).parties.find((p) => p.party === 'partner-units')!;
    expect(partner.escalatedStages).toEqual(['gathering']);
    expect(partner.acknowledgedStages).toEqual([]);

    // Those who acknowledged in time got neither a reminder nor an escalation.
    for (const user of ['dangwei', 'yeweihui', 'wuye', 'jumindaibiao', 'shuji'])
      expect([user, await inbox(user, caseId, 'acknowledgement-reminder')]).toEqual([user, []]);
    expect(whistle.map((n) => n.party)).toEqual(['partner-units']);
    // Still exactly once, a moment later.
    await new Promise((r) => setTimeout(r, 500));
    expect(await inbox('gongjian', caseId, 'acknowledgement-reminder')).toHaveLength(1);
    expect(await inbox('jiedao', caseId, 'escalated')).toHaveLength(1);

    const gathering = (await rows(caseId)).filter((r) => r.entry === 1);
    expect(gathering.filter((r) => r.party === 'partner-units').map((r) => r.status)).toEqual([
      'done',
      'done',
    ]);
    expect(
      gathering.filter((r) => r.party !== 'partner-units').every((r) => r.status === 'cancelled'),
    ).toBe(true);
    // The analysis entry has its own, pending (the default 48 h).
    await until(
      async () =>
        (await rows(caseId)).filter((r) => r.entry === 2 && r.status === 'pending').length === 10,
      10_000,
      'the analysis deadlines',
    );
  });

  it('Redis emptied while deadlines are pending: the reconciler re-creates them, reminder and escalation happen once', async () => {
    const caseId = await openCase('吹哨：物业未签收，Redis 清空', {
      acknowledgementHours: seconds(12),
      reminderBeforeHours: seconds(6),
    });
    for (const party of PARTY_IDS.filter((p) => p !== 'property-company'))
      await acknowledge(caseId, party, 'gathering');
    // One timer serves the entry's rows (the reminder, then the escalation).
    const timerId = deadlineTimerJobId({ caseId, entry: 1 });
    await until(
      async () =>
        (await rows(caseId)).filter((r) => r.status === 'cancelled').length === 8 &&
        (await view(caseId)).parties.filter((p) => p.acknowledgedStages.length > 0).length === 4,
      10_000,
      'the acknowledgements to settle',
    );
    expect(await jobState(deadlines, timerId)).toBe('delayed');

    // The StageEntered reaction's rows are lost too (say, its job went with Redis).
    await db.pool.query(`DELETE FROM case_deadlines WHERE case_id = $1`, [caseId]);
    await emptyRedis();
    expect(await jobState(deadlines, timerId)).toBeUndefined();

    const report = await reconcile();
    expect(report.deadlineRows).toBeGreaterThanOrEqual(10);
    expect(report.deadlineJobs).toBeGreaterThanOrEqual(1);
    const restored = await rows(caseId);
    expect(restored.filter((r) => r.status === 'pending')).toEqual([
      expect.objectContaining({ party: 'property-company', kind: 'escalation' }),
      expect.objectContaining({ party: 'property-company', kind: 'reminder' }),
    ]);
    expect(await jobState(deadlines, timerId)).toBe('delayed');
    // A second run finds nothing to do: the jobs it added keep their ids.
    expect(await reconcile()).toMatchObject({ deadlineRows: 0, deadlineJobs: 0 });

    await until(
      async () => (await inbox('wuye', caseId, 'acknowledgement-reminder')).length > 0,
      15_000,
      'the reminder',
    );
    await until(
      async () => (await inbox('jiedao', caseId, 'escalated')).length > 0,
      15_000,
      'the escalation',
    );
    // Empty Redis again, after the fact: this case has nothing pending, nothing runs twice. (The
    // first test's case has its analysis deadlines pending: their jobs come back.)
    await emptyRedis();
    expect(await reconcile()).toMatchObject({ deadlineRows: 0 });
    expect((await rows(caseId)).filter((r) => r.status === 'pending')).toEqual([]);
    expect(await jobState(deadlines, timerId)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await inbox('wuye', caseId, 'acknowledgement-reminder')).toHaveLength(1);
    expect(await inbox('jiedao', caseId, 'escalated')).toHaveLength(1);
    expect((await timeline(caseId)).filter((e) => e.type === 'PartyEscalated')).toHaveLength(1);
    for (const user of ['dangwei', 'yeweihui', 'jumindaibiao', 'gongjian'])
      expect(await inbox(user, caseId, 'acknowledgement-reminder')).toEqual([]);
  });

  /** Opens a case and moves it to analysis, every party acknowledging both stages. */
  async function caseInAnalysis(title: string, noticeSeconds: number): Promise<string> {
    const caseId = await openCase(title, {});
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '下水道又堵了', source: 'online' })
      .expect(201);
    for (const party of PARTY_IDS) await acknowledge(caseId, party, 'gathering');
    await settings({ noticePeriodHours: seconds(noticeSeconds) });
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await until(async () => (await view(caseId)).stage === 'analysis', 10_000, 'analysis');
    await settings(DEFAULT_SETTINGS);
    for (const party of PARTY_IDS) await acknowledge(caseId, party, 'analysis');
    return caseId;
  }

  async function publishNotice(caseId: string): Promise<string> {
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '主排水管坡度不足',
        leadParty: 'property-company',
        options: [{ title: '更换主排水管', description: '物业牵头' }],
      })
      .expect(201);
    let eventId: string | undefined;
    await until(async () => {
      const { rows: r } = await db.pool.query<{ event_id: string }>(
        `SELECT event_id FROM events WHERE stream_id = $1 AND type = 'NoticePublished'`,
        [`case-${caseId}`],
      );
      eventId = r[0]?.event_id;
      return eventId !== undefined;
    });
    const timerId = timerJobId('notice-period-over', eventId!);
    await until(async () => (await jobState(timers, timerId)) === 'delayed', 10_000, 'the timer');
    return timerId;
  }

  it('a notice-period timer lost with Redis is re-created; the case moves when the period ends', async () => {
    const caseId = await caseInAnalysis('公告期计时器，Redis 清空', 8);
    const timerId = await publishNotice(caseId);
    await emptyRedis();
    const report = await reconcile();
    expect(report.timers).toBeGreaterThanOrEqual(1);
    expect(await jobState(timers, timerId)).toBe('delayed');
    expect((await view(caseId)).stage).toBe('analysis');
    await until(async () => (await view(caseId)).stage === 'deliberation', 15_000, 'deliberation');
  });

  it('a stuck advance (its timer lost, the notice period over) is run by the reconciler', async () => {
    const caseId = await caseInAnalysis('公告期已过，推进卡住', 2);
    const timerId = await publishNotice(caseId);
    await timers.remove(timerId);
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await view(caseId)).stage).toBe('analysis');
    const report = await reconcile();
    expect(report.advanceChecks).toBeGreaterThanOrEqual(1);
    await until(async () => (await view(caseId)).stage === 'deliberation', 10_000, 'deliberation');
  });

  it('a stale timer does nothing: acknowledged after its timer was added, before it ran', async () => {
    // Reminder in 30 minutes, deadline in an hour.
    const caseId = await openCase('过期计时器', {
      acknowledgementHours: 1,
      reminderBeforeHours: 0.5,
    });
    const timer = deadlineTimerJobId({ caseId, entry: 1 });
    const partyRows = async (party: PartyId) =>
      (await rows(caseId)).filter((r) => r.party === party);
    await until(async () => (await jobState(deadlines, timer)) === 'delayed', 10_000, 'the timer');

    await acknowledge(caseId, 'owners-committee', 'gathering');
    // The acknowledgement cancels the party's rows; the entry's timer stays for the others.
    await until(
      async () => (await partyRows('owners-committee')).every((r) => r.status === 'cancelled'),
      10_000,
      'the rows cancelled',
    );
    expect(await jobState(deadlines, timer)).toBe('delayed');

    // Had the cancellation lost the race (the reaction late), the timer finds the rows pending:
    // here they are pending again and due, and the timer runs now.
    await db.pool.query(
      `UPDATE case_deadlines SET status = 'pending', done_at = NULL, due_at = now() - interval '1 s'
        WHERE case_id = $1 AND party = 'owners-committee'`,
      [caseId],
    );
    await (await deadlines.getJob(timer))!.promote();
    await until(
      async () => (await partyRows('owners-committee')).every((r) => r.status === 'cancelled'),
      10_000,
      'the stale rows cancelled by the timer',
    );
    // The others' rows are not due: the timer waits again for the earliest (30 minutes).
    await until(async () => (await jobState(deadlines, timer)) === 'delayed', 10_000, 're-delayed');
    // The folded case says acknowledged: nothing sent, nothing appended.
    expect(await inbox('yeweihui', caseId, 'acknowledgement-reminder')).toEqual([]);
    expect((await timeline(caseId)).map((e) => e.type)).not.toContain('PartyEscalated');
    expect(await inbox('wuye', caseId, 'acknowledgement-reminder')).toEqual([]);
    expect(await partyRows('property-company')).toEqual([
      expect.objectContaining({ kind: 'escalation', status: 'pending' }),
      expect.objectContaining({ kind: 'reminder', status: 'pending' }),
    ]);

    // A row's job from before the timers were per entry (`deadline`, still in Redis after an
    // upgrade) runs as its entry's timer: nothing is due, so it waits too.
    const legacyId = `deadline_${caseId}_1_property-company_reminder`;
    await deadlines.add(
      'deadline',
      { caseId, entry: 1, party: 'property-company', kind: 'reminder' },
      { jobId: legacyId },
    );
    await until(
      async () => (await jobState(deadlines, legacyId)) === 'delayed',
      10_000,
      'the legacy job waiting',
    );
    expect(await inbox('wuye', caseId, 'acknowledgement-reminder')).toEqual([]);
    await deadlines.remove(legacyId);

    // The last acknowledgement leaves the entry nothing pending: its timer goes.
    for (const party of PARTY_IDS.filter((p) => p !== 'owners-committee'))
      await acknowledge(caseId, party, 'gathering');
    await until(
      async () => (await jobState(deadlines, timer)) === undefined,
      10_000,
      'the timer removed',
    );
    expect((await rows(caseId)).filter((r) => r.entry === 1 && r.status === 'pending')).toEqual([]);
  });

  it('counts reminders and escalations in /metrics', async () => {
    const res = await client(server).get('/metrics').expect(200);
    expect(res.text).toMatch(/yishi_acknowledgement_reminders_total\{outcome="sent"\} [1-9]/);
    expect(res.text).toMatch(/yishi_escalations_total\{outcome="escalated"\} [1-9]/);
    expect(res.text).toMatch(/yishi_acknowledgement_reminders_total\{outcome="stale"\} [1-9]/);
    expect(res.text).toMatch(/yishi_reconciler_repairs_total\{what="deadline-job"\} [1-9]/);
  });
});
