import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { parseSerial } from '@yishi/domain';
import { ballotStream } from '@yishi/voting';
import { caseInDeliberation } from './support/case-fixture';
import { type TestDatabase } from './support/database';
import { httpActors } from './support/http-actors';
import { startDemoPlatform, type TestPlatform } from './support/platform';

/*
 * Issue 9, part 6 over HTTP on the whole platform (real PostgreSQL and Redis): printed ballot
 * sheets with serials. Issuing is idempotent and a building lead's reach is their buildings; the
 * printable HTML has each serial and its QR code and no owner's name or phone; a sheet entered by
 * serial counts, once; typos, unknown serials and other votes' serials are refused with their
 * codes; the mark commits with the ballot or not at all; the conflict report lists paper-then-
 * online (online counts) and online-then-paper (paper refused), also as CSV.
 */

const ESTATE = '金泰和庄';
const BUILDING = '14号楼';
const ROOMS = ['101', '102', '103', '104', '105'] as const;
type Room = (typeof ROOMS)[number];
const OWNER_PHONE = '13912345678';

interface Sheet {
  serial: string;
  unitId: string;
  room: string;
  building: string;
  status: string;
  enteredBy: string | null;
  voidReason: string | null;
}
interface SheetList {
  resolutionId: string;
  created?: number;
  items: Sheet[];
}
interface Conflict {
  unitId: string;
  room: string;
  counted: string;
  reason: { zh: string; en: string };
  ballots: {
    channel: string;
    choice: string;
    castByRole: string;
    serial: string | null;
    status: string;
  }[];
}

describe('printed ballot sheets with serials (HTTP)', () => {
  let db: TestDatabase;
  let platform: TestPlatform;
  let server: Server;
  let communityId: string;
  const { userIds, as, signInWith: signIn, errorOf, newResident } = httpActors(() => server);
  const units: Partial<Record<Room, string>> = {};
  const unit = (room: Room): string => {
    const id = units[room];
    if (id === undefined) throw new Error(`no unit ${room}`);
    return id;
  };

  beforeAll(async () => {
    ({ db, platform, server } = await startDemoPlatform('ballot-sheets'));
    for (const u of ['shuji', 'loudongzhang', 'wuye']) await signIn(u);
    communityId = (
      (await as('shuji').get('/me').expect(200)).body as { memberships: { communityId: string }[] }
    ).memberships[0]!.communityId;
    const imported = await as('shuji')
      .post(`/communities/${communityId}/units`, {
        units: ROOMS.map((room) => ({
          estate: ESTATE,
          building: BUILDING,
          entrance: '1单元',
          room,
          area: 88.5,
        })),
      })
      .expect(201);
    for (const u of (imported.body as { units: { id: string; room: Room }[] }).units)
      units[u.room] = u.id;
    // Owners of 101 and 102, registered with a name and a phone that no sheet may print.
    for (const room of ['101', '102'] as const) {
      await newResident(`yezhu-14-${room}`, {
        communityId,
        unitIds: [unit(room)],
        password: 'owner-pass-14',
        displayName: `业主甲乙${room}`,
        phone: OWNER_PHONE,
      });
    }
    await as('shuji')
      .post(`/communities/${communityId}/building-leads`, {
        userId: userIds.loudongzhang,
        buildings: [
          { estate: ESTATE, building: '12号楼' },
          { estate: ESTATE, building: BUILDING },
        ],
      })
      .expect(200);
  }, 60_000);
  afterAll(async () => {
    await platform.close();
    await db.drop();
  });

  async function newResolution(title: string): Promise<string> {
    const caseId = await caseInDeliberation({
      store: platform.runtime.store,
      communityId,
      scope: { estate: ESTATE, building: BUILDING, entrance: null },
      title,
    });
    const res = await as('shuji')
      .post(`/cases/${caseId}/resolutions`, {
        title: '关于14号楼加装电梯的决议',
        text: '14号楼1单元加装电梯一部，费用按面积分摊。',
        rule: 'civil-code-278',
        matter: 'ordinary',
        closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(201);
    return (res.body as { id: string }).id;
  }
  const sheets = async (resolutionId: string, who = 'shuji'): Promise<Sheet[]> =>
    (
      (await as(who).get(`/resolutions/${resolutionId}/ballot-sheets`).expect(200))
        .body as SheetList
    ).items;
  const serialOf = (list: Sheet[], room: Room): string => {
    const live = list.find((s) => s.room === room && s.status !== 'voided');
    if (live === undefined) throw new Error(`no sheet for ${room}`);
    return live.serial;
  };
  const enter = (resolutionId: string, body: Record<string, unknown>, who = 'loudongzhang') =>
    as(who).post(`/resolutions/${resolutionId}/ballots`, { channel: 'paper', ...body });

  it('issues one sheet per unit, idempotently, within a building lead’s reach; prints them without owners', async () => {
    const resolutionId = await newResolution('表决票发放');

    // A building lead issues for their building: five sheets. Naming a building not theirs: 403.
    const byLead = await as('loudongzhang')
      .post(`/resolutions/${resolutionId}/ballot-sheets`, { building: BUILDING })
      .expect(201);
    const first = byLead.body as SheetList;
    expect(first.created).toBe(5);
    expect(first.items.map((s) => s.room)).toEqual([...ROOMS]);
    expect(new Set(first.items.map((s) => s.serial)).size).toBe(5);
    for (const s of first.items) {
      expect(parseSerial(s.serial)).toBe(s.serial);
      expect(s.status).toBe('issued');
    }
    expect(
      errorOf(
        await as('loudongzhang').post(`/resolutions/${resolutionId}/ballot-sheets`, {
          building: '15号楼',
        }),
      ),
    ).toEqual([403, 'FORBIDDEN']);
    // Neither a resident nor a party member issues or lists sheets.
    expect(
      (await as('yezhu-14-101').post(`/resolutions/${resolutionId}/ballot-sheets`, {})).status,
    ).toBe(403);
    expect((await as('wuye').get(`/resolutions/${resolutionId}/ballot-sheets`)).status).toBe(403);

    // The secretary issues for the whole vote: nothing new, the same serials.
    const again = (
      await as('shuji').post(`/resolutions/${resolutionId}/ballot-sheets`, {}).expect(201)
    ).body as SheetList;
    expect(again.created).toBe(0);
    expect(again.items.map((s) => s.serial)).toEqual(first.items.map((s) => s.serial));
    expect((await sheets(resolutionId, 'loudongzhang')).map((s) => s.serial)).toEqual(
      first.items.map((s) => s.serial),
    );
    const { rows } = await platform.runtime.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE action = 'ballot-sheets.issued' AND entity_id = $1`,
      [resolutionId],
    );
    expect(Number(rows[0]!.n)).toBe(1);

    // The printable sheets: a page each, the serial and an inline SVG QR code, no owner.
    const html = await as('loudongzhang')
      .get(
        `/resolutions/${resolutionId}/ballot-sheets.html?building=${encodeURIComponent(BUILDING)}`,
      )
      .expect(200);
    expect(html.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const page = html.text;
    expect(page).toContain('@page');
    expect(page).toContain('关于14号楼加装电梯的决议');
    expect(page).toContain('同意');
    expect(page).toContain('反对');
    expect(page).toContain('弃权');
    expect(page.match(/<section class="sheet">/g)).toHaveLength(5);
    expect(page.match(/<svg /g)).toHaveLength(5);
    for (const s of first.items) expect(page).toContain(s.serial);
    expect(page).not.toContain('业主甲乙');
    expect(page).not.toContain(OWNER_PHONE);
    expect(html.headers['x-total-count']).toBe('5');
    // A page of them at a time.
    const tail = await as('shuji')
      .get(`/resolutions/${resolutionId}/ballot-sheets.html?limit=2&offset=4`)
      .expect(200);
    expect(tail.text.match(/<section class="sheet">/g)).toHaveLength(1);
    expect(tail.text).toContain(first.items[4]!.serial);
    expect(
      errorOf(await as('shuji').get(`/resolutions/${resolutionId}/ballot-sheets.html?limit=501`)),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('counts a sheet entered by serial once; refuses typos, unknown and foreign serials; commits the mark with the ballot', async () => {
    const resolutionId = await newResolution('凭编号录入');
    const other = await newResolution('另一表决');
    await as('shuji').post(`/resolutions/${resolutionId}/ballot-sheets`, {}).expect(201);
    await as('shuji').post(`/resolutions/${other}/ballot-sheets`, {}).expect(201);
    const list = await sheets(resolutionId);
    const s103 = serialOf(list, '103');

    // Entered by serial: the serial names the unit, becomes the sheetRef, and the ballot counts.
    const entered = await enter(resolutionId, {
      choice: 'for',
      serial: s103.replace(/-/g, '').toLowerCase(),
    }).expect(201);
    expect(entered.body).toMatchObject({
      unitId: unit('103'),
      channel: 'paper',
      castBy: userIds.loudongzhang,
      sheetRef: s103,
      serial: s103,
    });
    const tally = (await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200))
      .body as { participated: { units: number }; for: { units: number } };
    expect(tally.participated.units).toBe(1);
    expect(tally.for.units).toBe(1);
    expect((await sheets(resolutionId)).find((s) => s.serial === s103)).toMatchObject({
      status: 'cast',
      enteredBy: userIds.loudongzhang,
    });

    // A second entry of the same serial: 409, nothing counted twice.
    expect(errorOf(await enter(resolutionId, { choice: 'against', serial: s103 }))).toEqual([
      409,
      'SERIAL_ALREADY_ENTERED',
    ]);

    // A typo (one character changed): the check character catches it.
    const s104 = serialOf(list, '104');
    const typo = `${s104.slice(0, 6)}${s104[6] === '7' ? '8' : '7'}${s104.slice(7)}`;
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: typo }))).toEqual([
      400,
      'SERIAL_INVALID',
    ]);
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: 'ABC' }))).toEqual([
      400,
      'SERIAL_INVALID',
    ]);
    // Well formed but never issued; issued for another vote; not the unit named.
    const unknown = parseSerialWithCheck(`${s104.replace(/-/g, '').slice(0, 4)}ZZZZZZZZZZZ`);
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: unknown }))).toEqual([
      404,
      'SERIAL_NOT_FOUND',
    ]);
    const foreign = serialOf(await sheets(other), '104');
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: foreign }))).toEqual([
      400,
      'SERIAL_MISMATCH',
    ]);
    expect(
      errorOf(await enter(resolutionId, { choice: 'for', serial: s104, unitId: unit('105') })),
    ).toEqual([400, 'SERIAL_MISMATCH']);
    // Only a lead of the unit's building enters it; the owner cannot "enter" their own sheet.
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: s104 }, 'wuye'))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    // The sheetRef path stays for communities that do not print sheets.
    await enter(resolutionId, {
      choice: 'abstain',
      unitId: unit('105'),
      sheetRef: '14-1-105',
    }).expect(201);
    expect(
      (await sheets(resolutionId)).filter((s) => s.status !== 'issued').map((s) => s.room),
    ).toEqual(['103']);

    // No partial write: an append that fails leaves the sheet unentered; a stored ballot whose
    // sheet cannot be marked is not stored.
    const store = platform.runtime.store;
    const ballot = (room: Room, serial: string) => ({
      type: 'BallotCast',
      data: {
        resolutionId,
        unitId: unit(room),
        choice: 'for',
        channel: 'paper',
        byOwner: false,
        castBy: userIds.loudongzhang,
        castAt: new Date().toISOString(),
        sheetRef: serial,
        serial,
      },
    });
    await expect(
      store.append(ballotStream(resolutionId, unit('103')), 1, [ballot('103', s103)], {
        actorId: userIds.loudongzhang!,
      }),
    ).rejects.toMatchObject({ code: '23V02' });
    await expect(
      store.append(ballotStream(resolutionId, unit('105')), 'no-stream', [ballot('105', s104)], {
        actorId: userIds.loudongzhang!,
      }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    expect((await sheets(resolutionId)).find((s) => s.serial === s104)?.status).toBe('issued');
    expect(
      (await store.readStream(ballotStream(resolutionId, unit('103')))).map((e) => e.type),
    ).toEqual(['BallotCast']);

    // Two leads' entries of one sheet at once: one counts, the other is the second entry.
    const raced = await Promise.all([
      enter(resolutionId, { choice: 'for', serial: s104 }),
      enter(resolutionId, { choice: 'against', serial: s104 }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(errorOf(raced.find((r) => r.status === 409)!)).toEqual([409, 'SERIAL_ALREADY_ENTERED']);
    expect((await sheets(resolutionId)).find((s) => s.serial === s104)?.status).toBe('cast');

    // A lost sheet is voided and reissued (audited); the old serial is refused.
    const s101 = serialOf(list, '101');
    const reissued = await as('loudongzhang')
      .post(`/resolutions/${resolutionId}/ballot-sheets/${s101}/reissue`, { reason: '表决票遗失' })
      .expect(201);
    const fresh = (reissued.body as Sheet).serial;
    expect(fresh).not.toBe(s101);
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: s101 }))).toEqual([
      409,
      'SERIAL_VOIDED',
    ]);
    const after = await sheets(resolutionId);
    expect(after.filter((s) => s.room === '101').map((s) => [s.serial, s.status])).toEqual(
      expect.arrayContaining([
        [s101, 'voided'],
        [fresh, 'issued'],
      ]),
    );
    expect(
      errorOf(
        await as('loudongzhang').post(
          `/resolutions/${resolutionId}/ballot-sheets/${s103}/reissue`,
          {
            reason: '已录入的票',
          },
        ),
      ),
    ).toEqual([409, 'SERIAL_ALREADY_ENTERED']);

    // Closed: no more entries (the sheet stays unentered), no more sheets.
    await as('shuji').post(`/resolutions/${resolutionId}/close`).expect(200);
    expect(errorOf(await enter(resolutionId, { choice: 'for', serial: fresh }))).toEqual([
      409,
      'WRONG_STAGE',
    ]);
    expect((await sheets(resolutionId)).find((s) => s.serial === fresh)?.status).toBe('issued');
    expect(
      errorOf(await as('shuji').post(`/resolutions/${resolutionId}/ballot-sheets`, {})),
    ).toEqual([409, 'WRONG_STAGE']);
  });

  it('reports units with a paper and an electronic ballot: which counts and why (JSON and CSV)', async () => {
    const resolutionId = await newResolution('冲突报告');
    await as('loudongzhang').post(`/resolutions/${resolutionId}/ballot-sheets`, {}).expect(201);
    const list = await sheets(resolutionId, 'loudongzhang');

    // 101: the lead enters the paper sheet, then the owner votes online: the owner's counts.
    await enter(resolutionId, { choice: 'against', serial: serialOf(list, '101') }).expect(201);
    const own = await as('yezhu-14-101')
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' })
      .expect(201);
    expect(own.body).toMatchObject({ channel: 'online', byOwner: true, unitId: unit('101') });
    // 102: the owner votes online first; the paper sheet entered later is refused and kept.
    await as('yezhu-14-102')
      .post(`/resolutions/${resolutionId}/ballots`, { choice: 'for' })
      .expect(201);
    const refused = await enter(resolutionId, { choice: 'against', serial: serialOf(list, '102') });
    expect(errorOf(refused)).toEqual([409, 'ALREADY_VOTED']);
    expect(
      errorOf(await enter(resolutionId, { choice: 'against', serial: serialOf(list, '102') })),
    ).toEqual([409, 'SERIAL_ALREADY_ENTERED']);
    // 103: paper only, no conflict.
    await enter(resolutionId, { choice: 'for', serial: serialOf(list, '103') }).expect(201);

    const statuses = Object.fromEntries(
      (await sheets(resolutionId)).map((s) => [s.room, s.status]),
    );
    expect(statuses).toEqual({
      '101': 'replaced',
      '102': 'refused',
      '103': 'cast',
      '104': 'issued',
      '105': 'issued',
    });
    const tally = (await as('shuji').get(`/resolutions/${resolutionId}/tally`).expect(200))
      .body as {
      participated: { units: number };
      for: { units: number };
      against: { units: number };
    };
    expect([tally.participated.units, tally.for.units, tally.against.units]).toEqual([3, 3, 0]);

    expect(
      (await as('loudongzhang').get(`/resolutions/${resolutionId}/ballot-conflicts`)).status,
    ).toBe(403);
    const report = (
      await as('shuji').get(`/resolutions/${resolutionId}/ballot-conflicts`).expect(200)
    ).body as { items: Conflict[] };
    expect(report.items.map((c) => [c.room, c.counted])).toEqual([
      ['101', 'online'],
      ['102', 'online'],
    ]);
    const [c101, c102] = report.items;
    expect(c101!.ballots.map((b) => [b.channel, b.choice, b.castByRole, b.status])).toEqual([
      ['paper', 'against', 'building-lead', 'replaced'],
      ['online', 'for', 'owner', 'counted'],
    ]);
    expect(c101!.ballots[0]!.serial).toBe(serialOf(list, '101'));
    expect(c101!.reason.zh).toContain('业主本人线上投票优先');
    expect(c102!.ballots.map((b) => [b.channel, b.choice, b.castByRole, b.status])).toEqual([
      ['online', 'for', 'owner', 'counted'],
      ['paper', 'against', 'building-lead', 'refused'],
    ]);
    expect(c102!.reason.zh).toContain('纸质选票未计入');

    const csv = await as('shuji')
      .get(`/resolutions/${resolutionId}/ballot-conflicts.csv`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const text = csv.text;
    expect(text.startsWith('\uFEFF小区,楼栋,单元,房号,投票方式')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(5);
    expect(text).toContain('业主本人线上投票优先');
    expect(text).toContain(serialOf(list, '102'));
    expect(text).not.toContain('业主甲乙');
  });

  it('refuses a serial on an online ballot and unknown fields, never with a 5xx', async () => {
    const resolutionId = await newResolution('输入校验');
    const res = await as('yezhu-14-101').post(`/resolutions/${resolutionId}/ballots`, {
      choice: 'for',
      serial: 'ABCD-EFGH-JKMN-PQRS',
    });
    expect(errorOf(res)).toEqual([400, 'VALIDATION_FAILED']);
    expect(
      errorOf(
        await as('shuji').post(`/resolutions/${randomUUID()}/ballot-sheets`, {
          building: BUILDING,
        }),
      )[0],
    ).toBe(404);
    expect(
      errorOf(await as('shuji').post(`/resolutions/${resolutionId}/ballot-sheets`, { floor: 3 })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });
});

/** A well-formed serial (a valid check character) from its first 15 characters. */
function parseSerialWithCheck(body: string): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  for (const c of alphabet) {
    try {
      return parseSerial(body + c);
    } catch {
      // not this one
    }
  }
  throw new Error('no check character');
}
