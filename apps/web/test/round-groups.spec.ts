import { type LedgerDemand } from '../src/api/types';
import { deadlineOf, isOverdue, roundGroups } from '../src/pages/round/round-groups';

/*
 * The round page's order (网格巡查): 待签收 first (the overdue among them on top), then 已超时,
 * 派给我的, 已签收待处理; a received demand is due by its accept deadline, the others by the
 * resolve deadline; other grids' demands and ones assigned to others on time are not listed.
 */
const ME = 'me';
const MINE = 'grid-mine';
const NOW = new Date('2026-12-07T08:00:00.000Z');

let n = 0;
function demand(over: Partial<LedgerDemand>): LedgerDemand {
  n++;
  return {
    id: `d${n}`,
    number: `XY-20261207-${String(n).padStart(4, '0')}`,
    content: '内容',
    category: 'other',
    status: 'received',
    gridId: MINE,
    unitId: null,
    estate: '金泰和庄',
    building: '10号楼',
    source: 'online',
    receivedAt: '2026-12-06T08:00:00.000Z',
    acceptedAt: null,
    acceptDueAt: '2026-12-08T08:00:00.000Z',
    dueAt: '2026-12-16T08:00:00.000Z',
    overdue: false,
    closedAt: null,
    reopenings: 0,
    rating: null,
    assignedUserId: null,
    ...over,
  };
}

describe('the round page: what needs the grid worker, in order', () => {
  it('groups and orders the demands', () => {
    const lateAccept = demand({ acceptDueAt: '2026-12-07T07:00:00.000Z' });
    const received = demand({});
    const otherGrid = demand({ gridId: 'grid-other' });
    const lateAssignedToOther = demand({
      status: 'assigned',
      assignedUserId: 'someone',
      dueAt: '2026-12-06T00:00:00.000Z',
    });
    const assignedToOther = demand({ status: 'assigned', assignedUserId: 'someone' });
    const toMeElsewhere = demand({ status: 'assigned', assignedUserId: ME, gridId: 'grid-other' });
    const lateToMeElsewhere = demand({
      status: 'assigned',
      assignedUserId: ME,
      gridId: null,
      dueAt: '2026-12-05T00:00:00.000Z',
    });
    const accepted = demand({ status: 'accepted', acceptedAt: '2026-12-06T09:00:00.000Z' });
    const lateAccepted = demand({ status: 'accepted', dueAt: '2026-12-07T07:59:00.000Z' });

    const groups = roundGroups(
      [
        received,
        otherGrid,
        lateAssignedToOther,
        assignedToOther,
        toMeElsewhere,
        lateToMeElsewhere,
        accepted,
        lateAccepted,
        lateAccept,
      ],
      ME,
      new Set([MINE]),
      NOW,
    );
    const ids = (list: LedgerDemand[]) => list.map((d) => d.id);
    expect(ids(groups.received)).toEqual([lateAccept.id, received.id]);
    expect(ids(groups.overdue)).toEqual([
      lateToMeElsewhere.id,
      lateAssignedToOther.id,
      lateAccepted.id,
    ]);
    expect(ids(groups.mine)).toEqual([toMeElsewhere.id]);
    expect(ids(groups.accepted)).toEqual([accepted.id]);
  });

  it('counts a received demand against its accept deadline, the others against the resolve deadline', () => {
    const received = demand({
      acceptDueAt: '2026-12-07T07:00:00.000Z',
      dueAt: '2026-12-16T08:00:00.000Z',
    });
    expect(deadlineOf(received)).toBe('2026-12-07T07:00:00.000Z');
    expect(isOverdue(received, NOW)).toBe(true);
    const accepted = { ...received, status: 'accepted' as const };
    expect(deadlineOf(accepted)).toBe('2026-12-16T08:00:00.000Z');
    expect(isOverdue(accepted, NOW)).toBe(false);
  });
});
