import { CIVIL_CODE_MATTERS, civilCodeThreshold } from '@yishi/domain/case/procedure';
import { offeredRules, planTitles } from '../src/pages/case-page/resolution-rules';
import {
  agreedText,
  answeredText,
  answerText,
  partyLines,
  planText,
  pollTurnoutText,
  tieText,
  usesDecisionBallot,
  whoAnswersText,
  winnerText,
} from '../src/pages/decision-words';

const procedure = (
  decision: 'owners-vote' | 'resident-poll' | 'council' | 'none',
  civilCodeMatter: (typeof CIVIL_CODE_MATTERS)[number] | null = null,
) => ({ meeting: 'optional' as const, decision, civilCodeMatter });

describe('the rules the resolution form offers', () => {
  it('a case with an Art. 278 matter: only that rule, at the threshold the law sets', () => {
    for (const m of CIVIL_CODE_MATTERS) {
      expect(offeredRules(procedure('owners-vote', m))).toEqual({
        rules: ['civil-code-278'],
        matter: civilCodeThreshold(m),
      });
    }
  });

  it('a poll or a council is offered for its own kind only, the owners’ vote for every kind', () => {
    expect(offeredRules(procedure('resident-poll')).rules).toEqual([
      'resident-poll',
      'simple-majority',
      'civil-code-278',
    ]);
    expect(offeredRules(procedure('council')).rules).toEqual([
      'council',
      'simple-majority',
      'civil-code-278',
    ]);
    for (const d of ['owners-vote', 'none'] as const)
      expect(offeredRules(procedure(d)).rules).toEqual(['simple-majority', 'civil-code-278']);
    expect(offeredRules(undefined).rules).toEqual(['simple-majority', 'civil-code-278']);
  });

  it('plans are trimmed, an empty one named by its place', () => {
    expect(planTitles([' 物业清理 ', '', '设置储物间'])).toEqual([
      { title: '物业清理' },
      { title: '方案二' },
      { title: '设置储物间' },
    ]);
  });
});

describe('the words of polls, councils and plans', () => {
  const options = [{ title: '物业清理' }, { title: '居民自清' }, { title: '设置储物间' }];

  it('names a plan by its place and title', () => {
    expect(planText(options, 1)).toBe('方案二「居民自清」');
    expect(planText([{ title: '方案一' }], 0)).toBe('方案一');
    expect(answerText(options, { choice: 'for', option: 2 })).toBe('方案三「设置储物间」');
    expect(answerText(options, { choice: 'abstain' })).toBe('弃权');
  });

  it('a tie is said in words, the winner with its count', () => {
    expect(tieText({ tie: [0, 1] })).toBe('平票：方案一、方案二，需重新表决。');
    expect(tieText({ tie: null })).toBeNull();
    const tally = {
      winner: 2,
      options: options.map((o, index) => ({ ...o, index, answers: index === 2 ? 3 : 1 })),
    };
    expect(winnerText(tally, false)).toBe('胜出：方案三「设置储物间」（3 票）。');
    expect(winnerText(tally, true)).toMatch(/^目前领先/);
    expect(winnerText({ winner: null }, false)).toBeNull();
  });

  it('the poll’s turnout is answers over households, never a quorum', () => {
    const text = pollTurnoutText({ answers: 3, households: 12, percent: '25.00' });
    expect(text).toContain('参与户数 / 总户数：3 / 12（25.00%）');
    expect(text).toContain('不设最低参与率');
    expect(answeredText('resident-poll', 3, 12)).toBe('征询范围内共 12 户，已有 3 户作答。');
    expect(answeredText('simple-majority', 3, 12)).toBeNull();
  });

  it('says one answer per household (tenants included) and the party a council attendee answers for', () => {
    expect(whoAnswersText('resident-poll', '10号楼2单元101室')).toMatch(/每户只计一次.*租户/);
    expect(whoAnswersText('council', '社区党组织')).toContain('代表「社区党组织」');
  });

  it('the council’s parties and who agreed', () => {
    const names: Record<string, string> = { u1: '王书记', u2: '李代表' };
    const tally = {
      options: undefined,
      parties: [
        {
          party: 'party-organisation',
          attendees: ['u1'],
          choice: 'for' as const,
          option: null,
          answeredBy: 'u1',
        },
        {
          party: 'resident-representatives',
          attendees: ['u2'],
          choice: null,
          option: null,
          answeredBy: null,
        },
      ],
      agreed: [{ party: 'party-organisation', userId: 'u1' }],
    };
    const nameOf = (id: string) => names[id] ?? '参会人';
    const lines = partyLines(tally, nameOf);
    expect(lines[0]).toContain('同意（王书记答复）');
    expect(lines[1]).toContain('尚未答复');
    expect(agreedText(tally, nameOf)).toContain('（王书记）');
    expect(agreedText({ agreed: [] }, nameOf)).toBeNull();
  });

  it('uses the plan ballot for polls, councils and any choice among plans', () => {
    expect(usesDecisionBallot({ rule: 'resident-poll' })).toBe(true);
    expect(usesDecisionBallot({ rule: 'council' })).toBe(true);
    expect(usesDecisionBallot({ rule: 'simple-majority', options })).toBe(true);
    expect(usesDecisionBallot({ rule: 'civil-code-278' })).toBe(false);
  });
});
