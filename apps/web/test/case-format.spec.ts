import {
  type Member,
  type Opinion,
  type ResolutionOnCase,
  type Task,
  type TimelineItem,
} from '../src/api/types';
import {
  eventDetail,
  opinionAuthorText,
  quoteOf,
  reportText,
  resolutionStatusText,
  taskStatusText,
} from '../src/pages/case-page/case-format';
import { attendance, attendeesOf, partyOf } from '../src/pages/case-page/meeting-attendance';
import { formatTime, PARTY_LABELS, STAGE_LABELS } from '../src/labels';

const item = (data: unknown) => ({ data }) as TimelineItem;

describe('web app: the case page’s words for its data', () => {
  it('a timeline entry names its party and stage when the event has them', () => {
    expect(eventDetail(item({ party: 'property-company', stage: 'analysis' }))).toBe(
      `（${PARTY_LABELS['property-company']}，${STAGE_LABELS.analysis}）`,
    );
    expect(eventDetail(item({ stage: 'analysis' }))).toBe(`（${STAGE_LABELS.analysis}）`);
    expect(eventDetail(item({ party: 42 }))).toBe('');
    expect(eventDetail(item(null))).toBe('');
  });

  it('a resolution: open until its close, passed, or not', () => {
    const closesAt = '2026-03-05T10:00:00Z';
    const r = (status: string) => ({ status, closesAt }) as ResolutionOnCase;
    expect(resolutionStatusText(r('open'))).toBe(`表决中，${formatTime(closesAt)} 截止`);
    expect(resolutionStatusText(r('passed'))).toBe('已通过');
    expect(resolutionStatusText(r('rejected'))).toBe('未通过');
  });

  it('a task and its reports', () => {
    expect(taskStatusText({ status: 'open', percent: 40 } as Task)).toBe('进度 40%');
    expect(taskStatusText({ status: 'done', percent: 100 } as Task)).toBe('已完成');
    const report = (kind: string, percent: number) =>
      ({ kind, percent }) as unknown as Task['reports'][number];
    expect(reportText(report('progress', 60))).toBe('60%');
    expect(reportText(report('completion', 100))).toBe('完成');
  });

  it('an opinion’s author and the quote above a reply', () => {
    expect(opinionAuthorText({ party: null } as Opinion)).toBe('（居民）');
    expect(opinionAuthorText({ party: 'property-company' } as Opinion)).toBe(
      `（${PARTY_LABELS['property-company']}）`,
    );
    expect(quoteOf({ content: '一'.repeat(50) } as Opinion)).toBe('一'.repeat(40));
  });
});

describe('web app: the meeting form’s attendance', () => {
  const member = (userId: string, roles: string[], party: string | null) =>
    ({ userId, roles, party }) as unknown as Member;
  const list = [
    member('sec', ['secretary'], null),
    member('pc-1', ['party-member'], 'property-company'),
    member('pc-2', ['party-member'], 'property-company'),
    member('oc-1', ['party-member'], 'owners-committee'),
    member('res', ['resident'], null),
  ];

  it('the secretary comes for the party organisation', () => {
    expect(partyOf(list[0]!)).toBe('party-organisation');
    expect(partyOf(list[4]!)).toBeNull();
  });

  it('groups the members by the case’s parties, in its order, leaving out parties with nobody', () => {
    const groups = attendeesOf(['property-company', 'party-organisation', 'partner-units'], list);
    expect(groups.map((g) => [g.party, g.members.map((m) => m.userId)])).toEqual([
      ['property-company', ['pc-1', 'pc-2']],
      ['party-organisation', ['sec']],
    ]);
  });

  it('sends the ticked members per party, and no party nobody came for', () => {
    const groups = attendeesOf(['property-company', 'party-organisation'], list);
    expect(attendance(groups, new Set(['pc-2', 'oc-1']))).toEqual([
      { party: 'property-company', attendees: ['pc-2'] },
    ]);
  });
});
