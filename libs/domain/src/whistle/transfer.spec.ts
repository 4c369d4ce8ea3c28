/* 流转: a department's dispatcher passes its track on; the new department's accept clock starts again. */
import {
  at,
  BOTH_STAFF,
  CG,
  CG_DISPATCHER,
  CG_STAFF,
  ELSEWHERE,
  OFFICE,
  rejection,
  SC,
  SC_STAFF,
  types,
  WhistleScenario,
  ZJ,
  ZJ_DISPATCHER,
  ZJ_STAFF,
} from './whistle.fixtures';

const REASON = '违建在小区红线内，属住建部门';
const transfer = (
  s: WhistleScenario,
  toDepartmentId = ZJ,
  actor = CG_DISPATCHER,
  extra: { departmentId?: string; reason?: string } = {},
) =>
  s.as(actor).run({
    type: 'TransferWhistle',
    data: { toDepartmentId, reason: REASON, ...extra },
  });

describe('passing a whistle on (流转)', () => {
  it('ends the department’s track and starts one for the other, with a new accept deadline', () => {
    // Issued Monday 09:00 (due 11:00); passed on at 14:00, due two office hours later: 16:00.
    const s = WhistleScenario.issue().wait(5);
    expect(transfer(s)).toEqual([
      {
        type: 'WhistleTransferred',
        data: {
          fromDepartmentId: CG,
          toDepartmentId: ZJ,
          reason: REASON,
          transferredAt: at(5),
          transferredBy: CG_DISPATCHER,
          acceptDueAt: '2026-12-07T08:00:00.000Z',
        },
      },
    ]);
    expect(s.whistle.tracks.map((t) => [t.departmentId, t.status])).toEqual([
      [CG, 'transferred'],
      [ZJ, 'issued'],
    ]);
    expect(s.track(CG).transfer).toEqual({
      toDepartmentId: ZJ,
      reason: REASON,
      transferredAt: at(5),
      transferredBy: CG_DISPATCHER,
    });
    expect(s.track(ZJ)).toMatchObject({
      issuedAt: at(5),
      transferredFrom: CG,
      acceptDueAt: '2026-12-07T08:00:00.000Z',
      acceptedAt: null,
    });
    expect(s.whistle.status).toBe('issued');
  });

  it('may come after 签收 and 报到; the whistle goes back to waiting for 签收', () => {
    const accepted = WhistleScenario.issue().accept().wait(1);
    expect(types(transfer(accepted))).toEqual(['WhistleTransferred']);
    const onSite = WhistleScenario.issue().accept().checkIn().wait(1);
    transfer(onSite);
    expect(onSite.whistle.status).toBe('issued');
    // The new department accepts against its own deadline, not the first one's.
    onSite.wait(1).as(ZJ_STAFF).run({ type: 'AcceptWhistle', data: {} });
    expect(onSite.track(ZJ).acceptedOnTime).toBe(true);
  });

  it('is too late once the department answered', () => {
    const error = rejection(() => transfer(WhistleScenario.answered()), 'WRONG_STAGE');
    expect(error.message).toBe('本部门的办理状态为“已反馈，待评价”，不能流转');
    rejection(() => transfer(WhistleScenario.answered().rate('satisfied')), 'WRONG_STAGE');
  });

  it('may come after a dissatisfied rating reopened the track', () => {
    const s = WhistleScenario.answered().rate('dissatisfied');
    expect(types(transfer(s))).toEqual(['WhistleTransferred']);
  });

  it('is the dispatcher’s', () => {
    const staff = rejection(() => transfer(WhistleScenario.issue(), ZJ, CG_STAFF), 'FORBIDDEN');
    expect(staff.message).toBe('只有该部门的调度员可以流转');
    const named = rejection(
      () => transfer(WhistleScenario.issue(), ZJ, CG_STAFF, { departmentId: CG }),
      'FORBIDDEN',
    );
    expect(named.message).toBe('只有该部门的调度员可以流转');
    const stranger = rejection(
      () => transfer(WhistleScenario.issue(), SC, ZJ_DISPATCHER),
      'FORBIDDEN',
    );
    expect(stranger.message).toBe('只有本次吹哨所派部门的成员可以流转');
  });

  it('takes the department the actor dispatches for when they belong to several', () => {
    // BOTH_STAFF is staff of 城管 and dispatcher of 住建.
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] });
    expect(transfer(s, SC, BOTH_STAFF)[0]?.data).toMatchObject({
      fromDepartmentId: ZJ,
      toDepartmentId: SC,
    });
  });

  it('needs a reason', () => {
    const error = rejection(
      () => transfer(WhistleScenario.issue(), ZJ, CG_DISPATCHER, { reason: ' ' }),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('流转理由不能为空');
  });

  it('goes to another department of the street that is not on the whistle now', () => {
    const self = rejection(() => transfer(WhistleScenario.issue(), CG), 'VALIDATION_FAILED');
    expect(self.message).toBe('不能流转给本部门');
    const elsewhere = rejection(
      () => transfer(WhistleScenario.issue(), ELSEWHERE),
      'VALIDATION_FAILED',
    );
    expect(elsewhere.message).toBe('流转到的部门不属于本街道');
    const onIt = rejection(
      () => transfer(WhistleScenario.issue({ departmentIds: [CG, ZJ] }), ZJ),
      'VALIDATION_FAILED',
    );
    expect(onIt.message).toBe('该部门已在办理本次吹哨，不能再流转给它');
    expect(onIt.details).toEqual({ field: 'toDepartmentId' });
  });

  it('checks the target against the street’s departments, and says so when it cannot', () => {
    const s = WhistleScenario.issue();
    s.as(CG_DISPATCHER, { streetDepartmentIds: null });
    const error = rejection(
      () => s.run({ type: 'TransferWhistle', data: { toDepartmentId: ZJ, reason: REASON } }),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('流转须核对街道的部门');
  });

  it('does nothing when retried after it went through', () => {
    const s = WhistleScenario.issue();
    transfer(s);
    expect(transfer(s.wait(1))).toEqual([]);
    expect(transfer(s, ZJ, CG_DISPATCHER, { departmentId: CG })).toEqual([]);
    expect(s.whistle.tracks).toHaveLength(2);
    // Once 住建 passed it on in turn, 城管's retry is no longer a retry.
    s.as(ZJ_DISPATCHER).run({
      type: 'TransferWhistle',
      data: { toDepartmentId: SC, reason: '属市场监管' },
    });
    const error = rejection(() => transfer(s), 'FORBIDDEN');
    expect(error.message).toBe('只有本次吹哨所派部门的成员可以流转');
  });

  it('leaves the department that passed it on out: it can no longer act on the whistle', () => {
    const s = WhistleScenario.issue();
    transfer(s);
    rejection(() => s.as(CG_STAFF).run({ type: 'AcceptWhistle', data: {} }), 'FORBIDDEN');
    const named = rejection(
      () => s.as(CG_STAFF).run({ type: 'AcceptWhistle', data: { departmentId: CG } }),
      'WRONG_STAGE',
    );
    expect(named.message).toBe('该部门已把吹哨流转给其他部门，不能签收');
  });

  it('may come back to a department that passed it on: a new track, counted again', () => {
    const s = WhistleScenario.issue();
    transfer(s);
    transfer(s.wait(1), CG, ZJ_DISPATCHER, { reason: '红线外，属城管' });
    expect(s.whistle.tracks.map((t) => [t.departmentId, t.status, t.transferredFrom])).toEqual([
      [CG, 'transferred', null],
      [ZJ, 'transferred', CG],
      [CG, 'issued', ZJ],
    ]);
    s.wait(1).accept(CG);
    expect(s.whistle.status).toBe('accepted');
  });

  it('passes one of several tracks on; the others go on as they were', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ, OFFICE] }).accept(ZJ);
    transfer(s, SC);
    expect(s.whistle.tracks.map((t) => [t.departmentId, t.status])).toEqual([
      [CG, 'transferred'],
      [ZJ, 'accepted'],
      [OFFICE, 'issued'],
      [SC, 'issued'],
    ]);
    s.as(SC_STAFF).run({ type: 'AcceptWhistle', data: {} });
    expect(s.whistle.status).toBe('issued');
  });
});
