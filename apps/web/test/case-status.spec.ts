import { type CaseDetail, type CaseParty } from '../src/api/types';
import { ackState, attention, caseSummary, nextStage } from '../src/case-status';

const NOW = Date.parse('2026-03-05T10:00:00Z');
const PAST = '2026-03-05T09:00:00Z';
const FUTURE = '2026-03-05T18:00:00Z';

function party(
  name: CaseParty['party'],
  required: boolean,
  record: Partial<CaseParty['stages'][number]> = {},
): CaseParty {
  return {
    party: name,
    required,
    acknowledgedStages: [],
    escalatedStages: [],
    stages: [
      // The same stage entered before (entry 1): must not count for the current entry.
      {
        stage: 'analysis',
        entry: 1,
        deadline: PAST,
        remindAt: null,
        acknowledgedAt: PAST,
        acknowledgedBy: 'u',
        escalatedAt: null,
      },
      {
        stage: 'analysis',
        entry: 3,
        deadline: FUTURE,
        remindAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        escalatedAt: null,
        ...record,
      },
    ],
  };
}

function caseWith(parties: CaseParty[], status: 'open' | 'closed' = 'open'): CaseDetail {
  return {
    stage: 'analysis',
    status,
    parties,
    stageHistory: [
      { stage: 'analysis', entry: 1, cause: 'advanced', enteredAt: PAST, leftAt: PAST },
      { stage: 'deliberation', entry: 2, cause: 'advanced', enteredAt: PAST, leftAt: PAST },
      { stage: 'analysis', entry: 3, cause: 'returned', enteredAt: PAST, leftAt: null },
    ],
  } as unknown as CaseDetail;
}

describe('web app: a party’s 签收 of the current stage entry, and the board’s flags', () => {
  it('reads the current entry only: signed for an earlier entry of the same stage is not signed now', () => {
    const c = caseWith([party('property-company', true)]);
    expect(ackState(c, c.parties[0]!, NOW)).toBe('waiting');
  });

  it('acknowledged, escalated, overdue (past its deadline), optional', () => {
    const c = caseWith([
      party('party-organisation', true, { acknowledgedAt: PAST }),
      party('owners-committee', true, { escalatedAt: PAST, deadline: PAST }),
      party('property-company', true, { deadline: PAST }),
      party('partner-units', false, { deadline: null }),
    ]);
    expect(c.parties.map((p) => ackState(c, p, NOW))).toEqual([
      'acknowledged',
      'escalated',
      'overdue',
      'optional',
    ]);
    expect(attention(c, NOW)).toEqual({ overdue: 1, escalated: 1 });
  });

  it('a closed case needs nobody’s attention', () => {
    const c = caseWith([party('property-company', true, { deadline: PAST })], 'closed');
    expect(attention(c, NOW)).toEqual({ overdue: 0, escalated: 0 });
  });

  it('the next stage, and closing after follow-up', () => {
    expect(nextStage('gathering')).toBe('analysis');
    expect(nextStage('deliberation')).toBe('follow-up');
    expect(nextStage('follow-up')).toBe('closed');
  });

  describe('the one-line summary of a card', () => {
    const base = (over: Partial<CaseDetail>): CaseDetail => ({
      ...caseWith([
        party('party-organisation', true, { acknowledgedAt: PAST }),
        party('property-company', true),
        party('partner-units', false),
      ]),
      openedAt: PAST,
      advanceRequest: null,
      lastAdvanceRejection: null,
      demands: [],
      analysis: null,
      notice: null,
      meetings: [],
      resolutions: [],
      tasks: [],
      evaluations: { round: 1, window: null, items: [], results: [] },
      ...over,
    });
    const task = (status: 'open' | 'done', dueAt: string) =>
      ({ status, dueAt }) as CaseDetail['tasks'][number];

    it('the stage’s step and the required parties still to sign', () => {
      expect(caseSummary(base({}), NOW)).toBe('待研判；签收 1/2 方');
      expect(
        caseSummary(
          base({
            analysis: {} as CaseDetail['analysis'],
            notice: { publishedAt: PAST, noticePeriodEndsAt: '2026-03-08T10:00:00Z' },
          }),
          NOW,
        ),
      ).toBe('公告公示中，3月8日期满；签收 1/2 方');
    });

    it('a pending advance, and a rejection of this entry with its first unmet condition', () => {
      expect(
        caseSummary(
          base({ advanceRequest: { to: 'deliberation', requestedAt: PAST, requestedBy: 'u-1' } }),
          NOW,
        ),
      ).toBe('已申请推进，系统正在核对条件');
      const unmet = [
        { condition: 'lead-party' as const, message: '尚未研判' },
        { condition: 'acknowledgement' as const, message: '尚未签收' },
      ];
      expect(
        caseSummary(
          base({ lastAdvanceRejection: { to: 'deliberation', unmet, rejectedAt: FUTURE } }),
          NOW,
        ),
      ).toBe('推进未通过：尚未研判等 2 项；签收 1/2 方');
      // A rejection before this entry began is old news.
      expect(
        caseSummary(
          base({
            lastAdvanceRejection: { to: 'deliberation', unmet, rejectedAt: '2026-03-01T00:00:00Z' },
          }),
          NOW,
        ),
      ).toBe('待研判；签收 1/2 方');
    });

    it('follow-up: tasks done of all, overdue ones counted', () => {
      const c = base({
        stage: 'follow-up',
        stageHistory: [
          { stage: 'follow-up', entry: 1, cause: 'advanced', enteredAt: PAST, leftAt: null },
        ],
        parties: [],
        tasks: [task('done', PAST), task('open', PAST), task('open', FUTURE)],
      });
      expect(caseSummary(c, NOW)).toBe('任务完成 1/3，1 项逾期');
    });
  });
});
