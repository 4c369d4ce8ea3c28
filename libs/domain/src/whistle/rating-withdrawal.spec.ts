/* 评价 (一哨一评): satisfied closes a track, dissatisfied reopens it; 撤回 before any answer. */
import {
  at,
  CG,
  CG_STAFF,
  rejection,
  SC,
  SECRETARY,
  types,
  WhistleScenario,
  ZJ,
} from './whistle.fixtures';
import { type RateWhistle } from './commands';

const rate = (s: WhistleScenario, data: RateWhistle['data']) =>
  s.as(SECRETARY).run({ type: 'RateWhistle', data });
const withdraw = (s: WhistleScenario, reason = '当事人已自行拆除') =>
  s.as(SECRETARY).run({ type: 'WithdrawWhistle', data: { reason } });

/** Two departments, both answered. */
const bothAnswered = () =>
  WhistleScenario.issue({ departmentIds: [CG, ZJ] })
    .accept(CG)
    .accept(ZJ)
    .checkIn(CG)
    .checkIn(ZJ)
    .answer(CG)
    .answer(ZJ);

describe('rating an answer (评价)', () => {
  it('closes the track when satisfied or basically satisfied', () => {
    for (const rating of ['satisfied', 'basically-satisfied'] as const) {
      const s = WhistleScenario.answered().wait(2);
      expect(rate(s, { rating })).toEqual([
        {
          type: 'WhistleRated',
          data: {
            departmentId: CG,
            round: 1,
            rating,
            comment: null,
            ratedAt: at(5),
            ratedBy: SECRETARY,
            reopenedAnswerDueAt: null,
          },
        },
      ]);
      expect(s.whistle.status).toBe('closed');
      expect(s.track(CG)).toMatchObject({ status: 'closed', round: 1, reopenings: 0 });
    }
  });

  it('reopens the track when dissatisfied: accepted again, a new round and answer deadline', () => {
    // Answered Monday 12:00; rated dissatisfied Tuesday 10:00: due five working days later.
    const s = WhistleScenario.answered().until('2026-12-08T10:00:00');
    const events = rate(s, { rating: 'dissatisfied', comment: '板房还在' });
    expect(events[0]?.data).toMatchObject({
      round: 1,
      rating: 'dissatisfied',
      comment: '板房还在',
      reopenedAnswerDueAt: '2026-12-15T02:00:00.000Z',
    });
    expect(s.whistle.status).toBe('accepted');
    expect(s.track(CG)).toMatchObject({
      status: 'accepted',
      round: 2,
      reopenings: 1,
      answerDueAt: '2026-12-15T02:00:00.000Z',
      acceptedAt: at(1),
    });
    // The new round needs 报到 again, then 反馈, then 评价.
    rejection(() => s.answer(), 'WRONG_STAGE');
    s.wait(24).checkIn().wait(1).answer(CG, '已强制拆除');
    expect(s.track(CG).checkIns.map((c) => c.round)).toEqual([1, 2]);
    expect(s.track(CG).answers.map((a) => a.round)).toEqual([1, 2]);
    s.rate('satisfied');
    expect(s.whistle.status).toBe('closed');
    expect(s.track(CG).ratings.map((r) => [r.round, r.rating])).toEqual([
      [1, 'dissatisfied'],
      [2, 'satisfied'],
    ]);
  });

  it('needs the reason when dissatisfied', () => {
    for (const comment of [undefined, null, '', '  ']) {
      const error = rejection(
        () => rate(WhistleScenario.answered(), { rating: 'dissatisfied', comment }),
        'VALIDATION_FAILED',
      );
      expect(error.message).toBe('评价为不满意时须说明理由');
    }
  });

  it('refuses a rating that is not one of the three', () => {
    const error = rejection(
      () => rate(WhistleScenario.answered(), { rating: 'great' as never }),
      'VALIDATION_FAILED',
    );
    expect(error.message).toBe('评价须为以下之一：satisfied、basically-satisfied、dissatisfied');
  });

  it('without a department rates every answered track, one event each', () => {
    const s = bothAnswered();
    expect(types(rate(s, { rating: 'basically-satisfied' }))).toEqual([
      'WhistleRated',
      'WhistleRated',
    ]);
    expect(s.whistle.status).toBe('closed');
  });

  it('with a department rates that one only; the whistle waits for the least advanced', () => {
    const s = bothAnswered();
    expect(rate(s, { departmentId: ZJ, rating: 'satisfied' })[0]?.data).toMatchObject({
      departmentId: ZJ,
    });
    expect(s.whistle.status).toBe('answered');
    rate(s, { departmentId: CG, rating: 'dissatisfied', comment: '只贴了告知书' });
    expect(s.whistle.status).toBe('accepted');
    expect([s.track(CG).status, s.track(ZJ).status]).toEqual(['accepted', 'closed']);
  });

  it('rates the answered tracks only, when others are still at work', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] })
      .accept(CG)
      .accept(ZJ)
      .checkIn(CG)
      .answer(CG);
    expect(
      rate(s, { rating: 'satisfied' }).map((e) => e.type === 'WhistleRated' && e.data.departmentId),
    ).toEqual([CG]);
    expect(s.whistle.status).toBe('accepted');
    const early = rejection(
      () => rate(s, { departmentId: ZJ, rating: 'satisfied' }),
      'WRONG_STAGE',
    );
    expect(early.message).toBe('该部门的办理状态为“已签收”，只能评价已反馈的部门');
  });

  it('waits for an answer', () => {
    const error = rejection(
      () => rate(WhistleScenario.issue().accept(), { rating: 'satisfied' }),
      'WRONG_STAGE',
    );
    expect(error.message).toBe('还没有部门反馈，暂时不能评价');
    const unknown = rejection(
      () => rate(WhistleScenario.answered(), { departmentId: SC, rating: 'satisfied' }),
      'NOT_FOUND',
    );
    expect(unknown.message).toBe('本次吹哨没有派给该部门，或它已流转给其他部门');
  });

  it('is once per answer: the same rating again does nothing, another is refused', () => {
    const s = WhistleScenario.answered();
    rate(s, { rating: 'satisfied' });
    expect(rate(s.wait(1), { rating: 'satisfied' })).toEqual([]);
    expect(rate(s, { departmentId: CG, rating: 'satisfied' })).toEqual([]);
    rejection(() => rate(s, { rating: 'dissatisfied', comment: '改主意了' }), 'WRONG_STAGE');
    rejection(() => rate(s, { departmentId: CG, rating: 'basically-satisfied' }), 'WRONG_STAGE');

    const reopened = WhistleScenario.answered();
    rate(reopened, { rating: 'dissatisfied', comment: '没拆' });
    expect(rate(reopened, { rating: 'dissatisfied', comment: '没拆' })).toEqual([]);
    expect(rate(reopened, { departmentId: CG, rating: 'dissatisfied', comment: '没拆' })).toEqual(
      [],
    );
    expect(reopened.track(CG).reopenings).toBe(1);
    // Once the department is back on site, the old rating is no longer a retry.
    reopened.checkIn();
    rejection(() => rate(reopened, { rating: 'dissatisfied', comment: '没拆' }), 'WRONG_STAGE');
  });

  it('repeats a rating of several tracks at once as a whole', () => {
    const s = bothAnswered();
    rate(s, { rating: 'satisfied' });
    expect(rate(s, { rating: 'satisfied' })).toEqual([]);
    rejection(() => rate(s, { rating: 'basically-satisfied' }), 'WRONG_STAGE');
  });

  it('takes either of two tracks rated in the same instant, given again, as a repeat', () => {
    const s = bothAnswered();
    rate(s, { departmentId: CG, rating: 'satisfied' });
    rate(s, { departmentId: ZJ, rating: 'basically-satisfied' });
    expect(rate(s, { rating: 'basically-satisfied' })).toEqual([]);
    expect(rate(s, { rating: 'satisfied' })).toEqual([]);
    rejection(() => rate(s, { rating: 'dissatisfied', comment: '又坏了' }), 'WRONG_STAGE');
  });
});

describe('withdrawing a whistle (撤回)', () => {
  it('ends it, with the reason, while no department has answered', () => {
    const s = WhistleScenario.issue({ departmentIds: [CG, ZJ] })
      .accept(CG)
      .checkIn(CG)
      .wait(2);
    expect(withdraw(s)).toEqual([
      {
        type: 'WhistleWithdrawn',
        data: { reason: '当事人已自行拆除', withdrawnAt: at(2), withdrawnBy: SECRETARY },
      },
    ]);
    expect(s.whistle.status).toBe('withdrawn');
    expect(s.whistle.withdrawal).toEqual({
      reason: '当事人已自行拆除',
      withdrawnAt: at(2),
      withdrawnBy: SECRETARY,
    });
    // The tracks stay as they were, for the record.
    expect([s.track(CG).status, s.track(ZJ).status]).toEqual(['on-site', 'issued']);
  });

  it('needs a reason', () => {
    const error = rejection(() => withdraw(WhistleScenario.issue(), ''), 'VALIDATION_FAILED');
    expect(error.message).toBe('撤回理由不能为空');
  });

  it('is too late once a department answered, even if rated', () => {
    const answered = rejection(() => withdraw(WhistleScenario.answered()), 'WRONG_STAGE');
    expect(answered.message).toBe('已有部门反馈，不能撤回');
    expect(answered.details).toEqual({ departmentIds: [CG] });
    rejection(() => withdraw(WhistleScenario.answered().rate('satisfied')), 'WRONG_STAGE');
  });

  it('may come after a dissatisfied rating reopened every answered track', () => {
    const s = WhistleScenario.answered().rate('dissatisfied');
    expect(types(withdraw(s))).toEqual(['WhistleWithdrawn']);
  });

  it('does nothing when withdrawn again, and stops every other step', () => {
    const s = WhistleScenario.issue().accept();
    withdraw(s);
    expect(withdraw(s.wait(1))).toEqual([]);
    const steps: [string, () => unknown][] = [
      ['签收', () => s.as(CG_STAFF).run({ type: 'AcceptWhistle', data: {} })],
      ['报到', () => s.checkIn()],
      ['反馈', () => s.answer()],
      ['评价', () => rate(s, { rating: 'satisfied' })],
      [
        '流转',
        () => s.run({ type: 'TransferWhistle', data: { toDepartmentId: ZJ, reason: '不归我们' } }),
      ],
    ];
    for (const [what, step] of steps) {
      expect(rejection(step, 'WRONG_STAGE').message).toBe(`吹哨已撤回，不能${what}`);
    }
  });
});
