import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import request from 'supertest';
import { PARTIES } from '@yishi/domain';
import { PARTY_ACCOUNTS } from './support/api';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';
import { until } from './support/wait';

/*
 * Meetings for real over HTTP (docs/procedure.md, "Meetings for real"), on the demo platform: the
 * secretary announces a meeting with invitees (each told, `meeting-scheduled`); attendees sign in
 * on their phones or with the room's one-time code; minutes with a photo; the deliberation gate
 * fails while a required party has invitees but none signed in, and holds once one signs in; a
 * paper sheet naming someone who is not of the party is refused.
 */
const HAN = /\p{Script=Han}/u;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR 会议纪要签字页', 'utf8'),
]);

interface Meeting {
  id: string;
  scheduled: boolean;
  invitees: { userId: string; party: string | null; circle: string }[];
  signIns: { userId: string; party: string | null; by: string }[];
  attendance: { party: string; attendees: string[] }[];
  minutes: string;
  minutesFileIds: string[];
}
interface View {
  stage: string;
  meetings: Meeting[];
  lastAdvanceRejection: { unmet: { condition: string; missingParties?: string[] }[] } | null;
}

describe('meetings: scheduled, signed in, minuted (HTTP, real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { as, signIn, userIds, acknowledge, waitFor, errorOf, tokens } = httpActors(() => server);
  const view = async (caseId: string) =>
    (await as('shuji').get(`/cases/${caseId}`).expect(200)).body as View;
  const eventCount = async () =>
    Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM events`)).rows[0]!.n);

  /** A five-party case in deliberation, every party having acknowledged each stage. */
  async function inDeliberation(title: string): Promise<string> {
    const opened = await as('shuji')
      .post(`/communities/${communityId}/cases`, {
        mechanism: 'five-party-hall',
        title,
        description: '12号楼2单元雨棚破损，需商议维修方案',
        category: '公共设施',
        scope: { estate: '金泰和庄', building: '12号楼', entrance: '2单元' },
        procedure: { meeting: 'required', decision: 'council' },
      })
      .expect(201);
    const caseId = (opened.body as { id: string }).id;
    await as('yezhu-12-2-301')
      .post(`/cases/${caseId}/demands`, { content: '雨棚又漏了', source: 'online' })
      .expect(201);
    await acknowledge(caseId, 'gathering', PARTIES);
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'analysis' }).expect(202);
    await waitFor(caseId, 'analysis', (c) => c.stage === 'analysis');
    await as('shuji')
      .post(`/cases/${caseId}/analysis`, {
        summary: '雨棚支架锈蚀',
        leadParty: 'property-company',
        options: [{ title: '更换雨棚', description: '物业牵头更换' }],
      })
      .expect(201);
    await acknowledge(caseId, 'analysis', PARTIES);
    await waitFor(caseId, 'deliberation', (c) => c.stage === 'deliberation');
    await acknowledge(caseId, 'deliberation', PARTIES);
    return caseId;
  }

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('meetings'));
    await signIn(
      'shuji',
      'jiedao',
      'chengguan',
      'yezhu-12-2-301',
      ...Object.values(PARTY_ACCOUNTS),
    );
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    await as('shuji')
      .patch(`/communities/${communityId}/settings`, { noticePeriodHours: 0 })
      .expect(200);
  });
  afterAll(async () => {
    await platform?.close();
    await db?.drop();
  });

  it('a scheduled meeting: invitees told, sign-in by phone and by code, the gate counts sign-ins only', async () => {
    const caseId = await inDeliberation('12号楼雨棚维修议事会');
    const parties = PARTIES.map((p) => userIds[PARTY_ACCOUNTS[p]]!);
    const resident = userIds['yezhu-12-2-301']!;
    const scheduled = await as('shuji')
      .post(`/cases/${caseId}/meetings`, {
        scheduledAt: new Date(Date.now() + 60_000).toISOString(),
        place: '社区党群服务中心二楼议事室',
        inviteeUserIds: parties,
        invitees: [{ userId: resident, circle: 'resident' }],
      })
      .expect(201);
    const meetingId = (scheduled.body as { id: string }).id;
    await waitFor(caseId, 'scheduled', (c) =>
      (c as unknown as View).meetings.some((m) => m.id === meetingId),
    );

    let meeting = (await view(caseId)).meetings.find((m) => m.id === meetingId)!;
    expect(meeting.scheduled).toBe(true);
    expect(meeting.invitees).toHaveLength(6);
    expect(meeting.invitees.find((p) => p.userId === resident)).toEqual({
      userId: resident,
      party: null,
      circle: 'resident',
    });
    expect(meeting.invitees.find((p) => p.userId === parties[1])).toMatchObject({
      party: PARTIES[1],
      circle: 'party',
    });

    // Each invitee is told the time and the place.
    for (const who of ['yeweihui', 'yezhu-12-2-301']) {
      await until(async () => {
        const res = await as(who).get('/me/notifications').expect(200);
        const items = (res.body as { items: { kind: string; body: string; caseId: string }[] })
          .items;
        return items.some(
          (n) =>
            n.kind === 'meeting-scheduled' &&
            n.caseId === caseId &&
            n.body.includes('社区党群服务中心二楼议事室'),
        );
      }, 20_000);
    }

    // The council decides; the gate still fails: invitees, but nobody signed in.
    await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '更换雨棚',
        text: '物业牵头更换12号楼2单元雨棚',
        rule: 'simple-majority',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201)
      .then(async (res) => {
        const resolutionId = (res.body as { id: string }).id;
        await as('yezhu-12-2-301')
          .post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' })
          .expect(201);
        await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
      });
    await waitFor(caseId, 'vote recorded', (c) =>
      (c as unknown as { resolutions: { status: string }[] }).resolutions.some(
        (r) => r.status === 'passed',
      ),
    );
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'follow-up' }).expect(202);
    await until(async () => {
      const unmet = (await view(caseId)).lastAdvanceRejection?.unmet ?? [];
      return unmet.some((u) => u.condition === 'meeting' && u.missingParties?.length === 5);
    }, 20_000);

    // Four sign in on their phones, the resident too (not counted for a party).
    for (const party of PARTIES.slice(0, 4)) {
      const res = await as(PARTY_ACCOUNTS[party])
        .post(`/meetings/${meetingId}/sign-in`, {})
        .expect(200);
      expect(res.body).toMatchObject({ meetingId, caseId, party, circle: 'party', by: 'self' });
    }
    await as('yezhu-12-2-301').post(`/meetings/${meetingId}/sign-in`, {}).expect(200);

    // A department's staff member, not a member of the community, cannot sign in.
    expect(errorOf(await as('chengguan').post(`/meetings/${meetingId}/sign-in`, {}))).toEqual([
      403,
      'FORBIDDEN',
    ]);

    // Signing in again answers with the first sign-in; nothing is written.
    const before = await eventCount();
    const again = await as('yeweihui')
      .post(`/meetings/${meetingId}/sign-in`, { code: '000000' })
      .expect(200);
    expect(again.body).toMatchObject({ by: 'self' });
    expect(await eventCount()).toBe(before);

    // Partner units still absent: the gate fails for them alone.
    await as('shuji').post(`/cases/${caseId}/advance`, { to: 'follow-up' }).expect(202);
    await until(async () => {
      const unmet = (await view(caseId)).lastAdvanceRejection?.unmet ?? [];
      return unmet.some(
        (u) => u.condition === 'meeting' && u.missingParties?.join() === 'partner-units',
      );
    }, 20_000);

    // The room's code: only the secretary shows it; a wrong code is refused; the right one signs in.
    expect(errorOf(await as('gongjian').post(`/meetings/${meetingId}/code`))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    const code = (await as('shuji').post(`/meetings/${meetingId}/code`).expect(201)).body as {
      code: string;
      expiresAt: string;
      signInPath: string;
    };
    expect(code.code).toMatch(/^[0-9]{6}$/);
    expect(code.signInPath).toBe(`/meetings/${meetingId}/sign-in?code=${code.code}`);
    const wrong = String((Number(code.code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await as('gongjian').post(`/meetings/${meetingId}/sign-in`, { code: wrong });
    expect(errorOf(refused)).toEqual([400, 'VALIDATION_FAILED']);
    expect((refused.body as { error: { message: string } }).error.message).toMatch(HAN);
    const malformed = await as('gongjian').post(`/meetings/${meetingId}/sign-in`, { code: '12' });
    expect(errorOf(malformed)).toEqual([400, 'VALIDATION_FAILED']);
    const byCode = await as('gongjian')
      .post(`/meetings/${meetingId}/sign-in`, { code: code.code })
      .expect(200);
    expect(byCode.body).toMatchObject({ party: 'partner-units', by: 'code' });

    await waitFor(caseId, 'signed in', (c) =>
      (c as unknown as View).meetings.some((m) => m.id === meetingId && m.signIns.length === 6),
    );
    meeting = (await view(caseId)).meetings.find((m) => m.id === meetingId)!;
    expect(meeting.signIns.map((s) => s.by)).toEqual([
      'self',
      'self',
      'self',
      'self',
      'self',
      'code',
    ]);
    expect(meeting.attendance.map((a) => a.party).sort()).toEqual([...PARTIES].sort());

    // Now the gate holds: the advance still requested goes through once the last party signs in.
    await waitFor(caseId, 'follow-up', (c) => c.stage === 'follow-up');

    // Once the case has left that deliberation, nobody signs in any more.
    expect(errorOf(await as('jiedao').post(`/meetings/${meetingId}/sign-in`, {}))).toEqual([
      409,
      'WRONG_STAGE',
    ]);
  });

  it('minutes with a photo, readable by the community; an unknown meeting is 404', async () => {
    const caseId = await inDeliberation('12号楼雨棚纪要');
    const meetingId = (
      (
        await as('shuji')
          .post(`/cases/${caseId}/meetings`, {
            scheduledAt: new Date(Date.now() - 60_000).toISOString(),
            place: '议事室',
            inviteeUserIds: [userIds.yeweihui],
          })
          .expect(201)
      ).body as { id: string }
    ).id;
    const upload = await request(server)
      .post(`/api/v1/communities/${communityId}/uploads`)
      .set('Authorization', `Bearer ${tokens.shuji}`)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(201);
    const fileId = (upload.body as { id: string }).id;
    // Someone else's upload cannot be attached.
    const foreign = await request(server)
      .post(`/api/v1/communities/${communityId}/uploads`)
      .set('Authorization', `Bearer ${tokens.yeweihui}`)
      .set('Content-Type', 'image/png')
      .send(PNG)
      .expect(201);
    expect(
      errorOf(
        await as('shuji').post(`/meetings/${meetingId}/minutes`, {
          text: '纪要',
          fileIds: [(foreign.body as { id: string }).id],
        }),
      ),
    ).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      errorOf(await as('yeweihui').post(`/meetings/${meetingId}/minutes`, { text: '纪要' })),
    ).toEqual([403, 'FORBIDDEN']);

    await as('shuji')
      .post(`/meetings/${meetingId}/minutes`, { text: '各方同意更换雨棚。', fileIds: [fileId] })
      .expect(201);
    await waitFor(caseId, 'minutes', (c) =>
      (c as unknown as View).meetings.some((m) => m.minutes === '各方同意更换雨棚。'),
    );
    const meeting = (await view(caseId)).meetings.find((m) => m.id === meetingId)!;
    expect(meeting.minutesFileIds).toEqual([fileId]);
    // Another member of the community opens the photo of the minutes.
    await as('yeweihui').get(`/uploads/${fileId}`).expect(200);

    const unknown = await as('shuji').post(`/meetings/${randomUUID()}/sign-in`, {});
    expect(errorOf(unknown)).toEqual([404, 'NOT_FOUND']);
    expect((unknown.body as { error: { message: string } }).error.message).toContain('议事会');
  });

  it('refuses invitees outside the community and a paper sheet naming someone not of that party, writing nothing', async () => {
    const caseId = await inDeliberation('12号楼雨棚签到表');
    const before = await eventCount();
    const outsider = await as('shuji').post(`/cases/${caseId}/meetings`, {
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      place: '议事室',
      inviteeUserIds: [userIds.yeweihui, randomUUID()],
    });
    expect(errorOf(outsider)).toEqual([400, 'VALIDATION_FAILED']);
    const sheet = await as('shuji').post(`/cases/${caseId}/meetings`, {
      heldAt: new Date().toISOString(),
      place: '议事室',
      attendance: [{ party: 'owners-committee', attendees: [userIds.wuye] }],
      minutes: '',
    });
    expect(errorOf(sheet)).toEqual([400, 'VALIDATION_FAILED']);
    expect((sheet.body as { error: { message: string } }).error.message).toMatch(HAN);
    const noInvitees = await as('shuji').post(`/cases/${caseId}/meetings`, {
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      place: '议事室',
    });
    expect(errorOf(noInvitees)).toEqual([400, 'VALIDATION_FAILED']);
    expect(await eventCount()).toBe(before);
    // The sheet of the party's own members is accepted, signed in "on the sheet".
    await as('shuji')
      .post(`/cases/${caseId}/meetings`, {
        heldAt: new Date().toISOString(),
        place: '议事室',
        attendance: [{ party: 'owners-committee', attendees: [userIds.yeweihui] }],
        minutes: '',
      })
      .expect(201);
    await waitFor(caseId, 'sheet', (c) => (c as unknown as View).meetings.length === 1);
    expect((await view(caseId)).meetings[0]!.signIns).toEqual([
      expect.objectContaining({ userId: userIds.yeweihui, by: 'sheet' }),
    ]);
  });
});
