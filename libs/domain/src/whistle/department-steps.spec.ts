/* A department's steps on its track: 签收, 报到, 反馈, who may take them, and their repeats. */
import {
  at,
  BOTH_STAFF,
  CG,
  CG_DISPATCHER,
  CG_STAFF,
  rejection,
  SC,
  SC_STAFF,
  SECRETARY,
  types,
  WhistleScenario,
  ZJ,
  ZJ_STAFF,
} from './whistle.fixtures';

const accept = (s: WhistleScenario, actor = CG_STAFF, departmentId?: string) =>
  s.as(actor).run({ type: 'AcceptWhistle', data: { departmentId } });
const checkIn = (s: WhistleScenario, actor = CG_STAFF, note: string | null = '已到现场') =>
  s.as(actor).run({ type: 'CheckIn', data: { note } });
const answer = (s: WhistleScenario, actor = CG_STAFF, result = '已拆除') =>
  s.as(actor).run({ type: 'AnswerWhistle', data: { result } });

describe('accepting (签收)', () => {
  it('records who accepted, whether in time, and the answer deadline in working days', () => {
    const s = WhistleScenario.issue().wait(1);
    expect(accept(s)).toEqual([
      {
        type: 'WhistleAccepted',
        data: {
          departmentId: CG,
          acceptedAt: at(1),
          acceptedBy: CG_STAFF,
          onTime: true,
          // Monday 10:00 plus five working days: Monday 14 December, 10:00.
          answerDueAt: '2026-12-14T02:00:00.000Z',
        },
      },
    ]);
    expect(s.whistle.status).toBe('accepted');
    expect(s.track(CG)).toMatchObject({
      status: 'accepted',
      acceptedAt: at(1),
      acceptedBy: CG_STAFF,
      acceptedOnTime: true,
      answerDueAt: '2026-12-14T02:00:00.000Z',
    });
  });

  it('is in time at the deadline itself, late a moment after', () => {
    const onTime = WhistleScenario.issue().wait(2);
    accept(onTime);
    expect(onTime.track(CG).acceptedOnTime).toBe(true);
    const late = WhistleScenario.issue().wait(2.01);
    accept(late);
    expect(late.track(CG).acceptedOnTime).toBe(false);
  });

  it('is a member’s of the department, staff or dispatcher', () => {
    expect(types(accept(WhistleScenario.issue(), CG_DISPATCHER))).toEqual(['WhistleAccepted']);
    const other = rejection(() => accept(WhistleScenario.issue(), ZJ_STAFF), 'FORBIDDEN');
    expect(other.message).toBe('只有本次吹哨所派部门的成员可以签收');
    const named = rejection(() => accept(WhistleScenario.issue(), ZJ_STAFF, CG), 'FORBIDDEN');
    expect(named.message).toBe('只有该部门的成员可以签收');
    const secretary = rejection(() => accept(WhistleScenario.issue(), SECRETARY), 'FORBIDDEN');
    expect(secretary.message).toBe('只有本次吹哨所派部门的成员可以签收');
  });

  it('asks a member of several of the whistle’s departments to name one', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] });
    const error = rejection(() => accept(s, BOTH_STAFF), 'VALIDATION_FAILED');
    expect(error.message).toBe('你是本次吹哨多个部门的成员，请指明以哪个部门签收');
    expect(error.details).toEqual({ field: 'departmentId', departmentIds: [CG, ZJ] });
    expect(accept(s, BOTH_STAFF, ZJ)[0]?.data).toMatchObject({ departmentId: ZJ });
    // With one of them on the whistle, that one is meant.
    const one = WhistleScenario.issue({ departmentIds: [ZJ, SC] });
    expect(accept(one, BOTH_STAFF)[0]?.data).toMatchObject({ departmentId: ZJ });
  });

  it('refuses a department not on the whistle', () => {
    const error = rejection(() => accept(WhistleScenario.issue(), SC_STAFF, SC), 'NOT_FOUND');
    expect(error.message).toBe('本次吹哨没有派给该部门');
  });

  it('does nothing when the track is accepted already (a colleague, or a retry)', () => {
    const s = WhistleScenario.issue().wait(1).accept();
    expect(s.wait(1).as(CG_DISPATCHER).run({ type: 'AcceptWhistle', data: {} })).toEqual([]);
    expect(s.track(CG).acceptedBy).toBe(CG_STAFF);
    expect(accept(WhistleScenario.answered())).toEqual([]);
  });

  it('moves one department only: the whistle waits for the least advanced', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] })
      .wait(1)
      .accept(CG);
    expect(s.whistle.status).toBe('issued');
    expect(s.track(ZJ).status).toBe('issued');
    s.accept(ZJ);
    expect(s.whistle.status).toBe('accepted');
  });
});

describe('reporting on site (报到)', () => {
  it('records who came, the colleagues they named, a note and photos', () => {
    const s = WhistleScenario.issue().wait(1).accept().wait(1.5);
    const events = s.as(CG_STAFF).run({
      type: 'CheckIn',
      data: { colleagues: ['王队长', '李师傅'], note: '彩钢板房约20平方米', photoIds: ['p-1'] },
    });
    expect(events).toEqual([
      {
        type: 'WhistleCheckedIn',
        data: {
          departmentId: CG,
          round: 1,
          colleagues: ['王队长', '李师傅'],
          note: '彩钢板房约20平方米',
          photoIds: ['p-1'],
          checkedInAt: at(2.5),
          checkedInBy: CG_STAFF,
        },
      },
    ]);
    expect(s.whistle.status).toBe('on-site');
    expect(s.track(CG).checkIns).toHaveLength(1);
  });

  it('may come without a note, colleagues or photos', () => {
    const s = WhistleScenario.issue().accept();
    expect(s.as(CG_STAFF).run({ type: 'CheckIn', data: {} })[0]?.data).toMatchObject({
      colleagues: [],
      note: null,
      photoIds: [],
    });
  });

  it('comes after 签收', () => {
    const error = rejection(() => checkIn(WhistleScenario.issue()), 'WRONG_STAGE');
    expect(error.message).toBe('本部门还没有签收，请先签收再报到');
  });

  it('keeps a second visit, and does nothing for the same report again', () => {
    const s = WhistleScenario.issue().accept().wait(1);
    checkIn(s);
    expect(checkIn(s)).toEqual([]);
    expect(types(checkIn(s.wait(24), CG_STAFF, '第二次到场，当事人已开始拆除'))).toEqual([
      'WhistleCheckedIn',
    ]);
    expect(types(checkIn(s, CG_DISPATCHER))).toEqual(['WhistleCheckedIn']);
    expect(s.track(CG).checkIns.map((c) => c.checkedInBy)).toEqual([
      CG_STAFF,
      CG_STAFF,
      CG_DISPATCHER,
    ]);
  });

  it('is over once the department answered', () => {
    const error = rejection(() => checkIn(WhistleScenario.answered()), 'WRONG_STAGE');
    expect(error.message).toBe('本部门的办理状态为“已反馈，待评价”，不能报到');
  });

  it('is refused to anyone outside the department, and checks the colleagues’ names', () => {
    rejection(() => checkIn(WhistleScenario.issue().accept(), ZJ_STAFF), 'FORBIDDEN');
    const s = WhistleScenario.issue().accept();
    const error = rejection(
      () => s.as(CG_STAFF).run({ type: 'CheckIn', data: { colleagues: ['王队长', ''] } }),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('同来人员不能为空');
  });
});

describe('answering (反馈)', () => {
  it('records the result with photos; the whistle waits for the rating', () => {
    const s = WhistleScenario.issue().wait(1).accept().wait(1).checkIn().wait(20);
    const events = s.as(CG_STAFF).run({
      type: 'AnswerWhistle',
      data: { result: '已责令拆除，当事人已签字', photoIds: ['p-2', 'p-3'] },
    });
    expect(events).toEqual([
      {
        type: 'WhistleAnswered',
        data: {
          departmentId: CG,
          round: 1,
          result: '已责令拆除，当事人已签字',
          photoIds: ['p-2', 'p-3'],
          answeredAt: at(22),
          answeredBy: CG_STAFF,
        },
      },
    ]);
    expect(s.whistle.status).toBe('answered');
  });

  it('comes after 报到 unless the whistle needs no site visit', () => {
    const error = rejection(() => answer(WhistleScenario.issue().accept()), 'WRONG_STAGE');
    expect(error.message).toBe('本次吹哨须到现场报到，请先报到再反馈');
    const noVisit = WhistleScenario.issue({ onSite: false }).accept();
    expect(types(answer(noVisit))).toEqual(['WhistleAnswered']);
    expect(noVisit.whistle.status).toBe('answered');
    // Going there anyway is fine.
    const went = WhistleScenario.issue({ onSite: false }).accept().checkIn();
    expect(types(answer(went))).toEqual(['WhistleAnswered']);
  });

  it('comes after 签收', () => {
    const error = rejection(() => answer(WhistleScenario.issue({ onSite: false })), 'WRONG_STAGE');
    expect(error.message).toBe('本部门还没有签收，请先签收再反馈');
  });

  it('needs a result', () => {
    const error = rejection(
      () => answer(WhistleScenario.issue().accept().checkIn(), CG_STAFF, ' '),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('办理结果不能为空');
  });

  it('does nothing for the same answer again, and refuses a different one while it waits', () => {
    const s = WhistleScenario.issue().accept().checkIn();
    answer(s);
    expect(answer(s.wait(1))).toEqual([]);
    const error = rejection(() => answer(s, CG_STAFF, '改口：没拆'), 'WRONG_STAGE');
    expect(error.message).toBe('本部门已反馈，正在等待社区评价');
  });

  it('is over once the track is closed', () => {
    const s = WhistleScenario.answered().rate('satisfied');
    const error = rejection(() => answer(s), 'WRONG_STAGE');
    expect(error.message).toBe('本部门的办理状态为“已办结”，不能反馈');
  });

  it('with several departments, the whistle is answered only when all are', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] });
    s.accept(CG).accept(ZJ).checkIn(CG).answer(CG);
    expect(s.whistle.status).toBe('accepted');
    s.checkIn(ZJ);
    expect(s.whistle.status).toBe('on-site');
    s.answer(ZJ);
    expect(s.whistle.status).toBe('answered');
  });
});
