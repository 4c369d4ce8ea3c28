import { timelineDetail } from './demand-timeline';

describe("a demand's timeline in Chinese", () => {
  it('says the answer and who recorded it, and the new deadline of a reopening', () => {
    expect(
      timelineDetail({
        type: 'DemandConfirmed',
        data: {
          round: 1,
          rating: 'dissatisfied',
          comment: '还是不亮',
          recordedBy: 'grid-worker',
          confirmedAt: '2026-12-08T01:00:00.000Z',
          confirmedBy: 'w',
          reopenedDueAt: '2026-12-10T02:05:00.000Z',
        },
      }),
    ).toBe('不满意（网格员回访代录）；还是不亮；重新办理，2026年12月10日 10:05前办结');
  });

  it('names the party an assignment went to and its deadline in China Standard Time', () => {
    expect(
      timelineDetail({
        type: 'DemandAssigned',
        data: {
          party: 'property-company',
          userId: null,
          gridId: null,
          dueAt: '2026-12-09T16:30:00.000Z',
          note: null,
          assignedAt: '2026-12-08T01:00:00.000Z',
          assignedBy: 'w',
        },
      }),
    ).toBe('承办方：物业服务企业；2026年12月10日 00:30前办结');
  });

  it('gives the reason of a withdrawal, and nothing when there is none', () => {
    const withdrawn = (reason: string | null) =>
      timelineDetail({
        type: 'DemandWithdrawn',
        data: { reason, withdrawnAt: '2026-12-08T01:00:00.000Z', withdrawnBy: 's' },
      });
    expect(withdrawn('已解决')).toBe('撤回理由：已解决');
    expect(withdrawn(null)).toBeNull();
  });
});
