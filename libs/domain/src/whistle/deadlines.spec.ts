/*
 * A whistle's deadlines on the calendar (working hours to accept, working days to answer), the
 * timers it wants (a reminder at three quarters of the window's office time, the escalation at the
 * deadline) and the escalation itself (EscalateOverdue).
 */
import { type WhistleDeadline } from './types';
import { whistleTimers, whistleTimerWanted } from './deadlines';
import {
  CG,
  CG_DISPATCHER,
  cst,
  issueCommand,
  rejection,
  SECRETARY,
  SYSTEM,
  types,
  WhistleScenario,
  ZJ,
} from './whistle.fixtures';

const escalate = (
  s: WhistleScenario,
  deadline: WhistleDeadline,
  dueAt: string,
  departmentId = CG,
) => s.as(SYSTEM).run({ type: 'EscalateOverdue', data: { departmentId, deadline, dueAt } });

/** A whistle issued at a Shanghai wall-clock time. */
function issuedAt(local: string, extra: Parameters<typeof issueCommand>[0] = {}): WhistleScenario {
  const s = new WhistleScenario().until(local);
  s.run(issueCommand(extra));
  return s;
}

describe('the accept deadline (working hours)', () => {
  it('reminds at three quarters of the window and escalates at the deadline', () => {
    const s = WhistleScenario.issue();
    expect(whistleTimers(s.whistle)).toEqual([
      {
        departmentId: CG,
        kind: 'accept-reminder',
        at: cst('2026-12-07T10:30:00'),
        dueAt: cst('2026-12-07T11:00:00'),
      },
      {
        departmentId: CG,
        kind: 'accept-overdue',
        at: cst('2026-12-07T11:00:00'),
        dueAt: cst('2026-12-07T11:00:00'),
      },
    ]);
  });

  it('counts office hours only: over lunch, overnight, over a weekend', () => {
    const cases: [string, string, string][] = [
      // Monday 11:00: an hour before lunch, an hour after 13:30.
      ['2026-12-07T11:00:00', '2026-12-07T14:00:00', '2026-12-07T14:30:00'],
      // Monday 20:00: the next morning.
      ['2026-12-07T20:00:00', '2026-12-08T10:30:00', '2026-12-08T11:00:00'],
      // Friday 17:00: an hour on Friday, an hour on Monday.
      ['2026-12-11T17:00:00', '2026-12-14T09:30:00', '2026-12-14T10:00:00'],
      // Saturday: Monday from 09:00.
      ['2026-12-12T10:00:00', '2026-12-14T10:30:00', '2026-12-14T11:00:00'],
    ];
    for (const [issued, reminder, due] of cases) {
      const s = issuedAt(issued);
      expect(s.track(CG).acceptDueAt).toBe(cst(due));
      expect(whistleTimers(s.whistle).map((t) => t.at)).toEqual([cst(reminder), cst(due)]);
    }
  });

  it('skips 国庆节: issued on 30 September at 17:00, due 8 October at 10:00', () => {
    const s = issuedAt('2026-09-30T17:00:00');
    expect(whistleTimers(s.whistle)).toEqual([
      expect.objectContaining({ kind: 'accept-reminder', at: cst('2026-10-08T09:30:00') }),
      expect.objectContaining({ kind: 'accept-overdue', at: cst('2026-10-08T10:00:00') }),
    ]);
  });

  it('starts again for the department a whistle is passed on to', () => {
    const s = WhistleScenario.issue().until('2026-12-07T14:00:00');
    s.as(CG_DISPATCHER).run({
      type: 'TransferWhistle',
      data: { toDepartmentId: ZJ, reason: '属住建' },
    });
    expect(whistleTimers(s.whistle)).toEqual([
      {
        departmentId: ZJ,
        kind: 'accept-reminder',
        at: cst('2026-12-07T15:30:00'),
        dueAt: cst('2026-12-07T16:00:00'),
      },
      {
        departmentId: ZJ,
        kind: 'accept-overdue',
        at: cst('2026-12-07T16:00:00'),
        dueAt: cst('2026-12-07T16:00:00'),
      },
    ]);
    // The first department's timer, when it runs, finds itself unwanted.
    const first = { departmentId: CG, kind: 'accept-overdue', dueAt: cst('2026-12-07T11:00:00') };
    expect(whistleTimerWanted(s.whistle, first as never)).toBe(false);
  });
});

describe('the answer deadline (working days)', () => {
  it('runs from acceptance, with the reminder in office hours', () => {
    const s = WhistleScenario.issue().wait(1).accept();
    // Monday 10:00 plus five working days; three quarters of 37.5 office hours is Thursday 17:07:30.
    expect(whistleTimers(s.whistle)).toEqual([
      {
        departmentId: CG,
        kind: 'answer-reminder',
        at: cst('2026-12-10T17:07:30'),
        dueAt: cst('2026-12-14T10:00:00'),
      },
      {
        departmentId: CG,
        kind: 'answer-overdue',
        at: cst('2026-12-14T10:00:00'),
        dueAt: cst('2026-12-14T10:00:00'),
      },
    ]);
    // 报到 does not stop the clock; 反馈 does.
    s.checkIn();
    expect(whistleTimers(s.whistle).map((t) => t.kind)).toEqual([
      'answer-reminder',
      'answer-overdue',
    ]);
    s.answer();
    expect(whistleTimers(s.whistle)).toEqual([]);
  });

  it('skips 国庆节 and works the 调休 Saturday', () => {
    const s = issuedAt('2026-09-30T17:00:00').until('2026-10-08T09:45:00').accept();
    // 9, 10 (调休 Saturday), 12, 13, 14 October.
    expect(s.track(CG).answerDueAt).toBe(cst('2026-10-14T09:45:00'));
    expect(whistleTimers(s.whistle)[0]?.at).toBe(cst('2026-10-12T16:52:30'));
  });

  it('starts again from a dissatisfied rating, and is escalated anew', () => {
    const s = WhistleScenario.answered().until('2026-12-08T10:00:00').rate('dissatisfied');
    expect(whistleTimers(s.whistle)).toEqual([
      expect.objectContaining({ kind: 'answer-reminder', at: cst('2026-12-11T17:07:30') }),
      expect.objectContaining({ kind: 'answer-overdue', dueAt: cst('2026-12-15T10:00:00') }),
    ]);
  });
});

describe('the timers of several departments', () => {
  it('are per track, each on its own deadline', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] })
      .wait(1)
      .accept(ZJ);
    expect(whistleTimers(s.whistle).map((t) => [t.departmentId, t.kind])).toEqual([
      [CG, 'accept-reminder'],
      [CG, 'accept-overdue'],
      [ZJ, 'answer-reminder'],
      [ZJ, 'answer-overdue'],
    ]);
  });

  it('are none for answered, closed or passed-on tracks, and none once withdrawn', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] })
      .accept(CG)
      .checkIn(CG);
    s.answer(CG);
    expect(whistleTimers(s.whistle).map((t) => t.departmentId)).toEqual([ZJ, ZJ]);
    s.rate('satisfied', CG);
    expect(whistleTimers(s.whistle).map((t) => t.departmentId)).toEqual([ZJ, ZJ]);
    const withdrawn = WhistleScenario.issue({ departmentIds: [CG, ZJ] });
    withdrawn.as(SECRETARY).run({ type: 'WithdrawWhistle', data: { reason: '已自行解决' } });
    expect(whistleTimers(withdrawn.whistle)).toEqual([]);
  });
});

describe('escalating a missed deadline (EscalateOverdue)', () => {
  const ACCEPT_DUE = cst('2026-12-07T11:00:00');

  it('records the escalation at the deadline; the deadline wants no more timers', () => {
    const s = WhistleScenario.issue().until('2026-12-07T11:00:00');
    expect(escalate(s, 'accept', ACCEPT_DUE)).toEqual([
      {
        type: 'WhistleOverdueEscalated',
        data: {
          departmentId: CG,
          deadline: 'accept',
          dueAt: ACCEPT_DUE,
          escalatedAt: ACCEPT_DUE,
          escalatedBy: SYSTEM,
        },
      },
    ]);
    expect(s.track(CG).overdue).toEqual([
      { deadline: 'accept', dueAt: ACCEPT_DUE, escalatedAt: ACCEPT_DUE },
    ]);
    expect(s.whistle.status).toBe('issued');
    expect(whistleTimers(s.whistle)).toEqual([]);
  });

  it('does nothing twice, and nothing once the track moved on', () => {
    const twice = WhistleScenario.issue().wait(3);
    escalate(twice, 'accept', ACCEPT_DUE);
    expect(escalate(twice.wait(1), 'accept', ACCEPT_DUE)).toEqual([]);
    // Accepted late: counted so, and the answer deadline has its own timers.
    twice.accept();
    expect(twice.track(CG).acceptedOnTime).toBe(false);
    expect(whistleTimers(twice.whistle).map((t) => t.kind)).toEqual([
      'answer-reminder',
      'answer-overdue',
    ]);

    const accepted = WhistleScenario.issue().wait(1).accept().wait(5);
    expect(escalate(accepted, 'accept', ACCEPT_DUE)).toEqual([]);
    // A deadline the track does not wait on (another time, the other deadline, another department).
    const issued = WhistleScenario.issue().wait(5);
    expect(escalate(issued, 'accept', cst('2026-12-07T12:00:00'))).toEqual([]);
    expect(escalate(issued, 'answer', ACCEPT_DUE)).toEqual([]);
    expect(escalate(issued, 'accept', ACCEPT_DUE, ZJ)).toEqual([]);
    const withdrawn = WhistleScenario.issue();
    withdrawn.as(SECRETARY).run({ type: 'WithdrawWhistle', data: { reason: '已解决' } });
    expect(escalate(withdrawn.wait(5), 'accept', ACCEPT_DUE)).toEqual([]);
  });

  it('refuses before the deadline', () => {
    const s = WhistleScenario.issue().wait(1);
    const error = rejection(() => escalate(s, 'accept', ACCEPT_DUE), 'WRONG_STAGE');
    expect(error.message).toBe('签收期限（2026年12月7日 11:00）还没有到');
  });

  it('escalates a reopened round’s deadline anew', () => {
    const s = WhistleScenario.issue().wait(1).accept().wait(1).checkIn();
    const firstDue = s.track(CG).answerDueAt ?? '';
    s.until('2026-12-14T10:00:00');
    expect(types(escalate(s, 'answer', firstDue))).toEqual(['WhistleOverdueEscalated']);
    expect(whistleTimers(s.whistle)).toEqual([]);
    s.wait(1).answer().wait(1).rate('dissatisfied');
    const secondDue = s.track(CG).answerDueAt ?? '';
    expect(secondDue).toBe(cst('2026-12-21T12:00:00'));
    expect(whistleTimers(s.whistle).map((t) => [t.kind, t.dueAt])).toEqual([
      ['answer-reminder', secondDue],
      ['answer-overdue', secondDue],
    ]);
    s.until('2026-12-21T12:00:00');
    expect(types(escalate(s, 'answer', secondDue))).toEqual(['WhistleOverdueEscalated']);
    expect(s.track(CG).overdue.map((o) => o.dueAt)).toEqual([firstDue, secondDue]);
  });

  it('checks what the timer sends', () => {
    const s = WhistleScenario.issue().wait(5).as(SYSTEM);
    const bad = rejection(
      () =>
        s.run({
          type: 'EscalateOverdue',
          data: { departmentId: CG, deadline: 'lunch' as never, dueAt: ACCEPT_DUE },
        }),
      'VALIDATION_FAILED',
    );
    expect(bad.message).toBe('期限须为以下之一：accept、answer');
    rejection(
      () =>
        s.run({
          type: 'EscalateOverdue',
          data: { departmentId: CG, deadline: 'accept', dueAt: 'noon' },
        }),
      'VALIDATION_FAILED',
    );
  });
});

describe('whether a timer is still wanted', () => {
  it('is asked of the whistle as it stands', () => {
    const s = WhistleScenario.issue();
    const [reminder, overdue] = whistleTimers(s.whistle);
    expect(reminder && whistleTimerWanted(s.whistle, reminder)).toBe(true);
    expect(overdue && whistleTimerWanted(s.whistle, overdue)).toBe(true);
    expect(whistleTimerWanted(null, overdue as never)).toBe(false);
    s.accept();
    expect(reminder && whistleTimerWanted(s.whistle, reminder)).toBe(false);
  });
});
