import { type Server } from 'node:http';
import request from 'supertest';
import { addWorkingDays } from '@yishi/domain';
import { PARTY_ACCOUNTS, rawBytes } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { pdfText } from './support/pdf';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Issue 6 over HTTP on the whole platform (real PostgreSQL and Redis, the queue moving the case):
 * an overdue task reminded and escalated to the street officers; residents asked to evaluate; a
 * round whose residents are dissatisfied reopens follow-up and escalates the responsible party; the
 * secretary rates the escalations (一哨一评); the honest end state; working-day deadlines.
 */

type Party = keyof typeof PARTY_ACCOUNTS;
const MAX_UPLOAD = 64 * 1024;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR 12号楼雨棚', 'utf8'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const ROOMS = ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502', '601', '602'];
const owner = (building: number, entrance: number, room: string) =>
  `yezhu-${building}-${entrance}-${room}`;

interface Escalation {
  id: string;
  cause: string;
  party: string;
  taskId: string | null;
  reason: string | null;
  rating: { rating: string; comment: string | null } | null;
}

interface CaseView {
  stage: string;
  status: string;
  tasks: { id: string; status: string; dueAt: string; remindAt: string | null }[];
  evaluations: {
    round: number;
    results: {
      reached: boolean;
      total: number;
      unitsInScope: number | null;
      minEvaluationResponse: { numerator: number; denominator: number };
      responseReached: boolean;
    }[];
  };
  parties: { party: string; stages: { entry: number; deadline: string | null }[] }[];
  stageHistory: { entry: number; enteredAt: string }[];
  closure: { outcome: string; reason: string | null } | null;
  endState: { state: string; reason: string | null } | null;
  escalations: Escalation[];
}

interface Notification {
  caseId: string;
  kind: string;
  title: string;
  party: string | null;
}

describe('follow-up and accountability over HTTP', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { tokens, as, signIn, waitFor, errorCode, walkToFollowUp } = httpActors(() => server);

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('follow_up', {
      EVIDENCE_MAX_BYTES: String(MAX_UPLOAD),
    }));
    await signIn('shuji', 'jiedao', ...Object.values(PARTY_ACCOUNTS));
    const me = await as('shuji').get('/me').expect(200);
    communityId = (me.body as { memberships: { communityId: string }[] }).memberships[0]!
      .communityId;
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  const view = async (caseId: string): Promise<CaseView> =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as CaseView;
  const inbox = async (who: string, caseId: string): Promise<Notification[]> => {
    const res = await as(who).get('/me/notifications?limit=100').expect(200);
    return (res.body as { items: Notification[] }).items.filter((n) => n.caseId === caseId);
  };
  const waitForNotification = (who: string, caseId: string, kind: string) =>
    until(
      async () => (await inbox(who, caseId)).some((n) => n.kind === kind),
      15_000,
      `${who} gets ${kind}`,
    );

  /** A neighbourhood consultation of one entrance, taken over HTTP and the queue into follow-up. */
  async function caseInFollowUp(building: string, entrance: string, residents: string[]) {
    const parties: Party[] = ['party-organisation', 'resident-representatives'];
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'neighbourhood-consultation',
        title: `${building}${entrance}雨棚漏水`,
        description: '雨棚漏水，多次报修未果',
        category: '设施维修',
        scope: { estate: '金泰和庄', building, entrance },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await as(residents[0]!)
      .post(`/cases/${caseId}/demands`, { content: '雨棚又漏了', source: 'online' })
      .expect(201);
    await walkToFollowUp(caseId, {
      parties,
      voter: residents[0]!,
      analysis: { summary: '雨棚防水层老化', option: '重做防水', optionText: '物业施工' },
      minutes: '同意重做防水',
      resolution: { title: '关于重做雨棚防水的决议', text: '物业负责重做防水层。' },
    });
    return caseId;
  }

  it('an overdue task is reminded and escalated; dissatisfied residents reopen follow-up and escalate', async () => {
    // The reminder 1.8 s before a task is due; the evaluation window 7.2 s.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        taskReminderBeforeHours: 0.0005,
        evaluationWindowHours: 0.002,
      })
      .expect(200);
    const residents = ROOMS.map((r) => owner(11, 1, r));
    await signIn(...residents, owner(10, 1, '101'));
    const caseId = await caseInFollowUp('11号楼', '1单元', residents);

    // A task due in 4 s: reminded, then escalated to the street office (吹哨) when it is overdue.
    const assigned = await as('shuji')
      .post(`/cases/${caseId}/tasks`, {
        title: '重做雨棚防水层',
        assigneeParty: 'property-company',
        dueAt: new Date(Date.now() + 4_000).toISOString(),
      })
      .expect(201);
    const taskId = (assigned.body as { id: string }).id;
    await waitForNotification('wuye', caseId, 'task-reminder');
    await waitFor(caseId, 'the overdue task escalated', (c) =>
      c.escalations.some((e) => e.cause === 'task-overdue'),
    );
    expect((await view(caseId)).escalations).toEqual([
      expect.objectContaining({
        id: `task_${taskId}_1`,
        cause: 'task-overdue',
        party: 'property-company',
        taskId,
        rating: null,
      }),
    ]);
    await waitForNotification('jiedao', caseId, 'task-overdue');
    // The reminder went to the assignee party, not to the others; the escalation to the street only.
    expect((await inbox('yeweihui', caseId)).map((n) => n.kind)).not.toContain('task-reminder');
    expect((await inbox('wuye', caseId)).map((n) => n.kind)).not.toContain('task-overdue');

    // Done late: the residents in scope are asked to evaluate, and nobody outside it.
    await as('wuye').post(`/tasks/${taskId}/complete`, { note: '防水层已重做' }).expect(200);
    await waitForNotification(residents[0]!, caseId, 'evaluation-opened');
    await waitForNotification(residents[11]!, caseId, 'evaluation-opened');
    expect(await inbox(owner(10, 1, '101'), caseId)).toEqual([]);

    // 4 of the 12 units answer (at least 3/10 of them must): 1 of 4 satisfied is under 2/3, so the
    // queue reopens follow-up at the window's end and escalates.
    const ratings = ['satisfied', 'dissatisfied', 'dissatisfied', 'dissatisfied'];
    for (const [i, rating] of ratings.entries())
      await as(residents[i]!).post(`/cases/${caseId}/evaluations`, { rating }).expect(201);
    await waitFor(caseId, 'reopened', (c) => c.evaluations.round === 2);
    const reopened = await view(caseId);
    expect(reopened).toMatchObject({ status: 'open', stage: 'follow-up', endState: null });
    expect(reopened.evaluations.results).toEqual([
      expect.objectContaining({
        round: 1,
        total: 4,
        reached: false,
        unitsInScope: 12,
        minEvaluationResponse: { numerator: 3, denominator: 10 },
        responseReached: true,
      }),
    ]);
    expect(reopened.escalations.map((e) => [e.id, e.cause, e.party])).toEqual([
      [`task_${taskId}_1`, 'task-overdue', 'property-company'],
      ['eval_1_property-company', 'evaluation', 'property-company'],
    ]);
    expect(reopened.escalations[1]?.reason).toContain('满意率 1/4 未达到 2/3');
    await waitForNotification('jiedao', caseId, 'evaluation-escalated');

    // 一哨一评: the secretary rates each escalation once.
    const path = `/cases/${caseId}/escalations/eval_1_property-company/rating`;
    await as('wuye').post(path, { rating: 'satisfied' }).expect(403);
    const bad = await as('shuji').post(path, { rating: 'excellent' }).expect(400);
    expect(errorCode(bad.body)).toBe('VALIDATION_FAILED');
    await as('shuji').post(path, { rating: 'dissatisfied', comment: '整改不到位' }).expect(201);
    const twice = await as('shuji').post(path, { rating: 'satisfied' }).expect(409);
    expect(errorCode(twice.body)).toBe('ALREADY_EXISTS');
    const unknown = await as('shuji')
      .post(`/cases/${caseId}/escalations/nope/rating`, { rating: 'satisfied' })
      .expect(404);
    expect(errorCode(unknown.body)).toBe('NOT_FOUND');

    // The secretary gives up on it: the end state says so, with the reason.
    await as('shuji')
      .post(`/cases/${caseId}/close`, { outcome: 'unresolved', reason: '需街道协调专项资金' })
      .expect(200);
    await as('shuji')
      .post(`/cases/${caseId}/escalations/task_${taskId}_1/rating`, {
        rating: 'basically-satisfied',
      })
      .expect(201);
    await waitFor(
      caseId,
      'closed with both ratings',
      (c) => c.status === 'closed' && c.escalations.every((e) => e.rating !== null),
    );
    const closed = await view(caseId);
    expect(closed.endState).toEqual({ state: 'unresolved', reason: '需街道协调专项资金' });
    expect(closed.escalations.map((e) => e.rating?.rating)).toEqual([
      'basically-satisfied',
      'dissatisfied',
    ]);
    // 协商档案: the whole story from the log, every event's hash, the chain verified.
    const archive = await as('yeweihui').get(`/cases/${caseId}/archive`).expect(200);
    const a = archive.body as {
      format: string;
      case: { id: string; escalations: unknown[] };
      endState: unknown;
      timers: { kind: string; status: string }[];
      events: { position: number; type: string; hash: string }[];
      verification: { ok: boolean; events: number; headHash: string };
    };
    expect(a).toMatchObject({
      format: 'yishi-consultation-archive/1',
      case: { id: caseId },
      endState: { state: 'unresolved', reason: '需街道协调专项资金' },
    });
    expect(a.case.escalations).toHaveLength(2);
    expect(a.timers).toContainEqual(
      expect.objectContaining({ kind: 'task-reminder', status: 'done' }),
    );
    expect(a.verification).toMatchObject({ ok: true, events: a.events.length });
    expect(a.events.map((e) => e.position)).toEqual(a.events.map((_, i) => i + 1));
    expect(a.events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    expect(a.verification.headHash).toBe(a.events.at(-1)?.hash);
    expect(a.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'FollowUpEscalated',
        'EscalationRated',
        'CaseReopened',
        'CaseClosed',
      ]),
    );
    const html = await as('shuji').get(`/cases/${caseId}/archive/html`).expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('协商档案');
    expect(html.text).toContain('哈希链校验通过');
    expect(html.text).toContain('整改不到位');
    // The same document as a PDF, its Chinese text extractable (the CJK font embedded).
    const pdf = await as('shuji')
      .get(`/cases/${caseId}/archive/pdf`)
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s/g, '');
    for (const words of [
      '协商档案',
      '哈希链校验通过',
      '整改不到位',
      '一、基本情况',
      '七、事件记录与完整性校验',
    ])
      expect(text).toContain(words);
    expect(text).toContain(a.verification.headHash);

    const list = await as('shuji')
      .get(`/communities/${communityId}/cases?status=closed`)
      .expect(200);
    expect(
      (list.body as { items: { id: string; endState: unknown }[] }).items.find(
        (c) => c.id === caseId,
      )?.endState,
    ).toEqual({ state: 'unresolved', reason: '需街道协调专项资金' });
  });

  it('closes a round too few of the units asked answered unevaluated: not resolved, not reopened', async () => {
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { evaluationWindowHours: 0.002 })
      .expect(200);
    const residents = ROOMS.map((r) => owner(11, 2, r));
    await signIn(...residents);
    const caseId = await caseInFollowUp('11号楼', '2单元', residents);
    const assigned = await as('shuji')
      .post(`/cases/${caseId}/tasks`, { title: '修补雨棚', assigneeParty: 'property-company' })
      .expect(201);
    const taskId = (assigned.body as { id: string }).id;
    await as('wuye').post(`/tasks/${taskId}/complete`, { note: '已修补' }).expect(200);
    await waitForNotification(residents[0]!, caseId, 'evaluation-opened');
    // 1 of 12 units answers, satisfied: under 3/10 of them, so the round counts for nothing.
    await as(residents[0]!)
      .post(`/cases/${caseId}/evaluations`, { rating: 'satisfied' })
      .expect(201);
    await waitFor(caseId, 'closed', (c) => c.status === 'closed');
    const closed = await view(caseId);
    const reason = '参评 1 户（共 12 户），未达到最低参评比例 3/10，不计为办结';
    expect(closed).toMatchObject({
      closure: { outcome: 'unevaluated', reason },
      endState: { state: 'unresolved', reason },
    });
    expect(closed.evaluations.results).toEqual([
      expect.objectContaining({
        round: 1,
        total: 1,
        reached: true,
        unitsInScope: 12,
        minEvaluationResponse: { numerator: 3, denominator: 10 },
        responseReached: false,
      }),
    ]);
    expect(closed.escalations.filter((e) => e.cause === 'evaluation')).toEqual([]);
  });

  it('counts acknowledgement deadlines and task due dates in working days when the community says so', async () => {
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        acknowledgementWorkingDays: 2,
        reminderBeforeWorkingDays: 1,
        taskDueWorkingDays: 3,
      })
      .expect(200);
    const settings = await as('wuye').get(`/communities/${communityId}/settings`).expect(200);
    expect(settings.body).toMatchObject({
      acknowledgementWorkingDays: 2,
      reminderBeforeWorkingDays: 1,
      taskDueWorkingDays: 3,
    });
    const bad = await as('shuji')
      .patch(`/communities/${communityId}/settings`, { acknowledgementWorkingDays: 1.5 })
      .expect(400);
    expect(errorCode(bad.body)).toBe('VALIDATION_FAILED');

    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'neighbourhood-consultation',
        title: '楼道灯不亮',
        description: '10号楼2单元楼道灯坏了',
        category: '设施维修',
        scope: { estate: '金泰和庄', building: '10号楼', entrance: '2单元' },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await waitFor(caseId, 'readable', () => true);
    const c = await view(caseId);
    const enteredAt = c.stageHistory[0]!.enteredAt;
    const deadline = c.parties.find((p) => p.party === 'party-organisation')?.stages[0]?.deadline;
    expect(deadline).toBe(addWorkingDays(enteredAt, 2));

    // Back to hours for the other tests of this file.
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, {
        acknowledgementWorkingDays: null,
        reminderBeforeWorkingDays: null,
      })
      .expect(200);
  });

  it('takes photos and PDFs as task evidence: the type from the bytes, 413 over the limit, 415 for anything else', async () => {
    const residents = ROOMS.map((r) => owner(12, 1, r));
    await signIn(...residents);
    const caseId = await caseInFollowUp('12号楼', '1单元', residents);
    const assigned = await as('shuji')
      .post(`/cases/${caseId}/tasks`, {
        title: '更换雨棚',
        assigneeParty: 'property-company',
        dueInWorkingDays: 5,
      })
      .expect(201);
    const taskId = (assigned.body as { id: string }).id;
    const upload = (who: string, body: Buffer | string, type: string, name?: string) =>
      request(server)
        .post(
          `/api/v1/tasks/${taskId}/evidence${name === undefined ? '' : `?name=${encodeURIComponent(name)}`}`,
        )
        .set('Authorization', `Bearer ${tokens[who]}`)
        .set('Content-Type', type)
        .send(body);

    // A PNG sent as octet-stream, a JPEG that says it is a PNG: both stored as what they are.
    const png = await upload('wuye', PNG, 'application/octet-stream', '施工前.png').expect(201);
    expect(png.body).toMatchObject({
      taskId,
      contentType: 'image/png',
      sizeBytes: PNG.length,
      fileName: '施工前.png',
    });
    const pngUrl = (png.body as { url: string }).url;
    expect(pngUrl).toBe(`/api/v1/tasks/${taskId}/evidence/${(png.body as { id: string }).id}`);
    const jpeg = await upload('wuye', JPEG, 'image/png').expect(201);
    expect(jpeg.body).toMatchObject({ contentType: 'image/jpeg', sizeBytes: JPEG.length });
    const pdf = await upload('wuye', '%PDF-1.7\n施工方案', 'application/pdf').expect(201);
    expect(pdf.body).toMatchObject({ contentType: 'application/pdf' });

    // Over the limit: 413 with the contract's body, nothing stored.
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD, 1)]);
    const tooLarge = await upload('wuye', big, 'image/png').expect(413);
    expect(tooLarge.body).toEqual({
      error: {
        code: 'PAYLOAD_TOO_LARGE',
        message: expect.any(String) as unknown,
        details: { maxBytes: MAX_UPLOAD },
      },
    });
    // Exactly at the limit is taken.
    await upload('wuye', big.subarray(0, MAX_UPLOAD), 'image/png').expect(201);

    // Not a photo or PDF, whatever the header says: 415.
    for (const [body, type] of [
      ['<html><script>alert(1)</script></html>', 'image/jpeg'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', 'image/svg+xml'],
      [Buffer.from([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), 'application/pdf'],
      ['{"photo": "x"}', 'application/json'],
      ['just text', 'text/plain'],
    ] as const) {
      const res = await upload('wuye', body, type).expect(415);
      expect([type, errorCode(res.body)]).toEqual([type, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(
        (res.body as { error: { details: { allowed: string[] } } }).error.details.allowed,
      ).toContain('application/pdf');
    }
    const empty = await upload('wuye', Buffer.alloc(0), 'image/png').expect(400);
    expect(errorCode(empty.body)).toBe('VALIDATION_FAILED');
    // Only the assignee party uploads.
    await upload('yeweihui', PNG, 'image/png').expect(403);
    await upload(residents[0]!, PNG, 'image/png').expect(403);

    // The upload is named in a progress report; a path of no upload of this task is refused.
    const reported = await as('wuye')
      .post(`/tasks/${taskId}/progress`, {
        percent: 50,
        note: '旧雨棚已拆除',
        evidence: [pngUrl, 'https://oss.example.cn/a.jpg'],
      })
      .expect(201);
    const version = (reported.body as { version: number }).version;
    const stranger = await as('wuye')
      .post(`/tasks/${taskId}/progress`, {
        percent: 60,
        note: 'x',
        evidence: [`/api/v1/tasks/${taskId}/evidence/00000000-0000-4000-8000-000000000000`],
      })
      .expect(400);
    expect(errorCode(stranger.body)).toBe('VALIDATION_FAILED');
    const c = (await as('shuji').get(`/cases/${caseId}?minVersion=${version}`).expect(200))
      .body as {
      tasks: { reports: { evidence: string[] }[] }[];
    };
    expect(c.tasks[0]?.reports[0]?.evidence).toEqual([pngUrl, 'https://oss.example.cn/a.jpg']);

    // Members read the bytes back, with the sniffed type and no sniffing by the browser.
    const file = await request(server)
      .get(pngUrl)
      .set('Authorization', `Bearer ${tokens[residents[3]!]}`)
      .buffer(true)
      .parse(rawBytes)
      .expect(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    await request(server).get(pngUrl).expect(401);

    // An open case has no archive yet.
    const early = await as('shuji').get(`/cases/${caseId}/archive`).expect(409);
    expect(errorCode(early.body)).toBe('WRONG_STAGE');

    // Done: no more uploads for it.
    await as('wuye').post(`/tasks/${taskId}/complete`, { note: '新雨棚已安装' }).expect(200);
    const late = await upload('wuye', PNG, 'image/png').expect(409);
    expect(errorCode(late.body)).toBe('WRONG_STAGE');
  });
});
