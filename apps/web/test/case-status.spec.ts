import { type CaseDetail, type CaseParty } from '../src/api/types';
import { ackState, attention, nextStage } from '../src/case-status';

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
});
