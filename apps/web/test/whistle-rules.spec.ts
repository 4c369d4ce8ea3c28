import {
  type MyDepartment,
  type WhistleDetail,
  type WhistleListItem,
  type WhistleTrack,
} from '../src/api/types';
import {
  departmentSteps,
  asDepartmentSees,
  itemDue,
  mayWithdraw,
  myTracks,
  trackDue,
} from '../src/pages/whistles/whistle-rules';

const CG = 'dep-chengguan';
const ZJ = 'dep-zhujian';
const AT = '2026-12-07T08:00:00Z';
const ACCEPT_BY = '2026-12-07T10:00:00Z';
const ANSWER_BY = '2026-12-14T10:00:00Z';

function track(departmentId: string, status: WhistleTrack['status']): WhistleTrack {
  const accepted = status !== 'issued' && status !== 'transferred';
  return {
    departmentId,
    departmentName: departmentId === CG ? '城管执法中队' : '住建所',
    status,
    statusText: '',
    issuedAt: AT,
    transferredFrom: null,
    acceptDueAt: ACCEPT_BY,
    acceptedAt: accepted ? AT : null,
    acceptedOnTime: accepted ? true : null,
    answerDueAt: accepted ? ANSWER_BY : null,
    round: 1,
    reopenings: 0,
    checkIns: [],
    answers: [],
    ratings: [],
    transfer: null,
  };
}

function whistle(tracks: WhistleTrack[], over: Partial<WhistleDetail> = {}): WhistleDetail {
  return {
    id: 'w-1',
    communityId: 'c-1',
    streetId: 's-1',
    subject: '违章搭建',
    description: '占用消防通道',
    status: 'issued',
    statusText: '',
    demandId: null,
    caseId: null,
    onSite: true,
    acceptWithinWorkingHours: 2,
    resolveWithinWorkingDays: 5,
    issuedAt: AT,
    issuedBy: 'u-shuji',
    departmentIds: tracks.filter((t) => t.status !== 'transferred').map((t) => t.departmentId),
    tracks,
    withdrawalReason: null,
    version: 1,
    timeline: [],
    ...over,
  };
}

function member(departmentId: string, role: MyDepartment['role']): MyDepartment {
  return {
    departmentId,
    departmentName: '',
    kind: 'department',
    role,
    streetId: 's-1',
    streetName: '秀谷镇',
  };
}

describe('whistle rules (what the whistle pages show)', () => {
  it('a list item waits on acceptance while issued, on the answer while handled, on nothing after', () => {
    const item = (status: WhistleListItem['status'], dueAt: string | null): WhistleListItem => ({
      id: 'w-1',
      communityId: 'c-1',
      communityName: '学苑社区',
      subject: '违章搭建',
      status,
      statusText: '',
      departmentIds: [CG],
      tracks: [],
      issuedAt: AT,
      dueAt,
      demandId: null,
      caseId: null,
    });
    expect(itemDue(item('issued', ACCEPT_BY))).toEqual({ label: '签收期限', at: ACCEPT_BY });
    expect(itemDue(item('on-site', ANSWER_BY))).toEqual({ label: '反馈期限', at: ANSWER_BY });
    expect(itemDue(item('answered', ANSWER_BY))).toBeNull();
    expect(itemDue(item('accepted', null))).toBeNull();
  });

  it("a department's desk shows its own track's status on a whistle to several", () => {
    const both: WhistleListItem = {
      id: 'w-2',
      communityId: 'c-1',
      communityName: '学苑社区',
      subject: '占道经营',
      status: 'issued',
      statusText: '',
      departmentIds: [CG, ZJ],
      tracks: [
        { departmentId: CG, status: 'accepted', statusText: '已签收' },
        { departmentId: ZJ, status: 'issued', statusText: '待签收' },
      ],
      issuedAt: AT,
      dueAt: ACCEPT_BY,
      demandId: null,
      caseId: null,
    };
    expect(asDepartmentSees(both, CG).status).toBe('accepted');
    expect(asDepartmentSees(both, ZJ).status).toBe('issued');
    expect(asDepartmentSees(both, 'other')).toBe(both);
  });

  it("a track's deadline: 签收期限 until accepted, 反馈期限 until answered, none after", () => {
    expect(trackDue(track(CG, 'issued'))).toEqual({ label: '签收期限', at: ACCEPT_BY });
    expect(trackDue(track(CG, 'accepted'))).toEqual({ label: '反馈期限', at: ANSWER_BY });
    expect(trackDue(track(CG, 'answered'))).toBeNull();
    expect(trackDue(track(CG, 'transferred'))).toBeNull();
  });

  it("the user acts on their departments' open tracks only", () => {
    const w = whistle([track(CG, 'transferred'), track(ZJ, 'issued')]);
    expect(myTracks([member(CG, 'dispatcher')], w)).toEqual([]);
    expect(myTracks([member(ZJ, 'staff')], w).map((m) => m.track.departmentId)).toEqual([ZJ]);
    expect(myTracks([member(ZJ, 'staff')], { ...w, status: 'withdrawn' })).toEqual([]);
    const closed = whistle([track(ZJ, 'closed')]);
    expect(myTracks([member(ZJ, 'staff')], closed)).toEqual([]);
  });

  it('a department signs first, reports on site before answering, and only its dispatcher passes it on', () => {
    const steps = (status: WhistleTrack['status'], role: MyDepartment['role'], onSite = true) =>
      departmentSteps(whistle([track(CG, status)], { onSite }), {
        track: track(CG, status),
        role,
      });
    expect(steps('issued', 'staff')).toEqual(['accept']);
    expect(steps('issued', 'dispatcher')).toEqual(['accept', 'transfer']);
    expect(steps('accepted', 'staff')).toEqual(['check-in']);
    expect(steps('on-site', 'staff')).toEqual(['answer', 'check-in']);
    expect(steps('accepted', 'staff', false)).toEqual(['answer']);
    expect(steps('answered', 'dispatcher')).toEqual([]);
  });

  it('the secretary may withdraw until a department has answered', () => {
    expect(mayWithdraw(whistle([track(CG, 'accepted'), track(ZJ, 'issued')]))).toBe(true);
    expect(mayWithdraw(whistle([track(CG, 'answered'), track(ZJ, 'issued')]))).toBe(false);
    expect(mayWithdraw(whistle([track(CG, 'closed')], { status: 'closed' }))).toBe(false);
    expect(mayWithdraw(whistle([track(CG, 'issued')], { status: 'withdrawn' }))).toBe(false);
  });
});
