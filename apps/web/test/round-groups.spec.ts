import { type LedgerDemand } from '../src/api/types';
import { deadlineOf, roundGroups } from '../src/pages/round/round-groups';

/*
 * The round page's order (网格巡查): 待签收 first (the overdue among them on top), then 已超时,
 * 派给我的, 已签收待处理; a received demand is due by its accept deadline, the others by the
 * resolve deadline; other grids' demands and ones assigned to others on time are not listed.
 * 已超时 is the API's `overdue` (judged by the server when the list was read, 2026-12-07 08:00).
 */
const ME = 'me';
const MINE = 'grid-mine';

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
    const lateAccept = demand({ acceptDueAt: '2026-12-07T07:00:00.000Z', overdue: true });
    const received = demand({});
    const otherGrid = demand({ gridId: 'grid-other' });
    const lateAssignedToOther = demand({
      status: 'assigned',
      assignedUserId: 'someone',
      dueAt: '2026-12-06T00:00:00.000Z',
      overdue: true,
    });
    const assignedToOther = demand({ status: 'assigned', assignedUserId: 'someone' });
    const toMeElsewhere = demand({ status: 'assigned', assignedUserId: ME, gridId: 'grid-other' });
    const lateToMeElsewhere = demand({
      status: 'assigned',
      assignedUserId: ME,
      gridId: null,
      dueAt: '2026-12-05T00:00:00.000Z',
      overdue: true,
    });
    const accepted = demand({ status: 'accepted', acceptedAt: '2026-12-06T09:00:00.000Z' });
    const lateAccepted = demand({
      status: 'accepted',
      dueAt: '2026-12-07T07:59:00.000Z',
      overdue: true,
    });

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

  it('takes 已超时 from the API, not from the phone’s clock', () => {
    // Past its deadline by the phone's clock, on time as the server judged it (its own clock).
    const onTime = demand({ status: 'accepted', dueAt: '2000-01-01T00:00:00.000Z' });
    const late = demand({ status: 'accepted', dueAt: '2999-01-01T00:00:00.000Z', overdue: true });
    const groups = roundGroups([onTime, late], ME, new Set([MINE]));
    expect(groups.overdue.map((d) => d.id)).toEqual([late.id]);
    expect(groups.accepted.map((d) => d.id)).toEqual([onTime.id]);
  });

  it('shows a received demand’s accept deadline, the others’ resolve deadline', () => {
    const received = demand({
      acceptDueAt: '2026-12-07T07:00:00.000Z',
      dueAt: '2026-12-16T08:00:00.000Z',
    });
    expect(deadlineOf(received)).toBe('2026-12-07T07:00:00.000Z');
    const accepted = { ...received, status: 'accepted' as const };
    expect(deadlineOf(accepted)).toBe('2026-12-16T08:00:00.000Z');
    // A hotline ticket whose own deadline is earlier than the accept deadline: the API's rule.
    const ticket = demand({
      source: 'hotline',
      acceptDueAt: '2026-12-08T08:00:00.000Z',
      dueAt: '2026-12-07T20:00:00.000Z',
    });
    expect(deadlineOf(ticket)).toBe('2026-12-07T20:00:00.000Z');
  });
});
