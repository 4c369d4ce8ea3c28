import { computeStats, type CaseStatFacts } from './stats';
import { statsCsv } from './stats-csv';
import { type CommunityStats } from './stats-query';

const empty = (estate: string | null): CommunityStats => ({
  communityId: '00000000-0000-4000-8000-000000000001',
  from: '2026-01-01T00:00:00.000Z',
  to: null,
  estate,
  asOf: '2026-02-01T00:00:00.000Z',
  ...computeStats([], '2026-02-01T00:00:00.000Z'),
  estates: [],
});

describe('statsCsv', () => {
  it('starts with a BOM, uses CRLF and Chinese headers, and leaves unknown rates empty', () => {
    const csv = statsCsv(empty(null), '学苑社区');
    expect(
      csv.startsWith(
        '\uFEFF范围,统计起,统计止,新增案件,办理中,已销号,办结率(%),办结率基数(立项减撤回),满意率(%),评价户次',
      ),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    // The range in China Standard Time, Chinese form: never an ISO instant.
    expect(lines[1]!.startsWith('学苑社区（全社区）,2026年1月1日 08:00,,0,0,0,,0,,0,,0,0,')).toBe(
      true,
    );
  });

  it('gives each rate its base: 办结 is resolved only, withdrawn cases out of the base', () => {
    const fact = (endState: CaseStatFacts['endState']): CaseStatFacts => ({
      estate: '金泰和庄',
      openedAt: '2026-01-02T00:00:00.000Z',
      status: endState === null ? 'open' : 'closed',
      endState,
      evaluations: [],
      escalations: [],
      acknowledgements: [],
      stageEntries: [],
    });
    const asOf = '2026-02-01T00:00:00.000Z';
    const facts = [fact('resolved'), fact('withdrawn'), fact('unevaluated'), fact('unresolved')];
    const csv = statsCsv({ ...empty(null), ...computeStats(facts, asOf) }, '学苑社区');
    // 4 opened, 0 open, 4 closed; 办结率 1 of 3 (withdrawn out); no evaluations or deadlines.
    expect(csv.split('\r\n')[1]).toMatch(
      /^学苑社区（全社区）,2026年1月1日 08:00,,4,0,4,33\.33,3,,0,,0,0,1,1,1,1,/,
    );
  });

  it('quotes commas and quotes, and keeps a name that looks like a formula as text', () => {
    expect(statsCsv(empty('金泰和庄,"东区"'), 'x').split('\r\n')[1]).toMatch(
      /^"金泰和庄,""东区""",/,
    );
    expect(statsCsv(empty('=HYPERLINK("x")'), 'x').split('\r\n')[1]).toMatch(
      /^"'=HYPERLINK\(""x""\)",/,
    );
  });
});

describe('computeStats with no cases', () => {
  it('gives zero counts and null rates, never 0 % or 100 %', () => {
    const s = computeStats([], '2026-02-01T00:00:00.000Z');
    expect(s).toMatchObject({
      cases: { opened: 0, open: 0, closed: 0 },
      closureRate: null,
      satisfactionRate: null,
      onTimeAcknowledgementRate: null,
      escalations: 0,
    });
    expect(s.parties).toHaveLength(5);
  });
});
