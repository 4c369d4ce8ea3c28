import { NOTIFICATION_KINDS, type NotificationRequest } from '@yishi/messaging';
import { PARTIES } from '@yishi/domain';
import {
  formatChineseDeadline,
  KIND_NEEDS,
  renderDemandConfirm,
  renderNotification,
  smsTemplateParams,
} from './templates';

const base: NotificationRequest = {
  sourceEventId: '3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  communityId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  caseId: '7e6d5c4b-3a2f-4e1d-8c0b-a9f8e7d6c5b4',
  caseTitle: '12号楼2单元下水道反复堵塞',
  kind: 'stage-entered',
  stage: 'analysis',
  parties: ['property-company'],
  // 10:00 UTC is 18:00 in Beijing.
  deadline: '2026-03-05T10:00:00Z',
  subject: '更换主排水管',
  outcome: 'passed',
};

describe('notification templates', () => {
  it('formats deadlines in China Standard Time, whatever the server zone', () => {
    expect(formatChineseDeadline('2026-03-05T10:00:00Z')).toBe('2026年3月5日 18:00');
    expect(formatChineseDeadline('2026-12-31T16:30:00Z')).toBe('2027年1月1日 00:30');
    expect(formatChineseDeadline('2026-03-05T18:00:00+08:00')).toBe('2026年3月5日 18:00');
    expect(() => formatChineseDeadline('tomorrow')).toThrow('ISO 8601');
  });

  it('stage-entered names the case, the stage and the acknowledgement deadline', () => {
    expect(renderNotification(base, 'property-company')).toEqual({
      title: '案件进入「分析研判」阶段',
      body: '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
    });
    const { deadline: _, ...noDeadline } = base;
    expect(renderNotification(noDeadline, 'property-company').body).toBe(
      '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请及时签收。',
    );
  });

  it('each kind has its own Chinese text', () => {
    const text = (kind: NotificationRequest['kind']) =>
      renderNotification({ ...base, kind }, 'property-company');
    expect(text('acknowledgement-reminder').body).toBe(
      '【议事】提醒：案件《12号楼2单元下水道反复堵塞》「分析研判」阶段尚未签收，签收截止时间为2026年3月5日 18:00，请尽快签收。',
    );
    expect(text('escalated')).toEqual({
      title: '吹哨报到：物业服务企业未按时签收',
      body: '【议事】吹哨报到：案件《12号楼2单元下水道反复堵塞》「分析研判」阶段，物业服务企业未在2026年3月5日 18:00前签收，请街道相关部门报到处理。',
    });
    expect(text('voting-opened')).toEqual({
      title: '表决开始：更换主排水管',
      body: '【议事】案件《12号楼2单元下水道反复堵塞》的决议《更换主排水管》已开始表决，截止时间为2026年3月5日 18:00，请及时投票。',
    });
    expect(text('task-assigned').body).toBe(
      '【议事】案件《12号楼2单元下水道反复堵塞》向物业服务企业分派任务《更换主排水管》，请于2026年3月5日 18:00前完成并反馈进展。',
    );
    expect(text('case-closed')).toEqual({
      title: '案件已办结',
      body: '【议事】案件《12号楼2单元下水道反复堵塞》已办结销号，感谢各方参与，欢迎对办理结果进行评价。',
    });
  });

  it('publishes (公示) a vote result with the resolution and whether it passed', () => {
    expect(renderNotification({ ...base, kind: 'vote-published' }, 'owners-committee')).toEqual({
      title: '表决结果公示：更换主排水管通过',
      body: '【议事】公示：案件《12号楼2单元下水道反复堵塞》的决议《更换主排水管》表决通过，计票结果可在案件中查看。',
    });
    expect(
      renderNotification({ ...base, kind: 'vote-published', outcome: 'failed' }, 'owners-committee')
        .title,
    ).toBe('表决结果公示：更换主排水管未通过');
    const { outcome: _, ...withoutOutcome } = base;
    expect(() =>
      renderNotification({ ...withoutOutcome, kind: 'vote-published' }, 'owners-committee'),
    ).toThrow('outcome');
  });

  it('publishes a preliminary result with the end of the objection period (询异)', () => {
    expect(
      renderNotification(
        { ...base, kind: 'vote-published', outcome: 'failed', phase: 'preliminary' },
        'owners-committee',
      ),
    ).toEqual({
      title: '表决初步结果公示：更换主排水管未通过',
      body: '【议事】公示：案件《12号楼2单元下水道反复堵塞》的决议《更换主排水管》初步计票结果为未通过，异议期至2026年3月5日 18:00。如对本户表决记录有异议，请在异议期内提出；异议答复后结果方为最终结果。',
    });
  });

  it('renders every kind for every party when the request has what the kind needs', () => {
    for (const kind of NOTIFICATION_KINDS)
      for (const party of PARTIES) {
        const { title, body } = renderNotification({ ...base, kind }, party);
        expect(title.length).toBeGreaterThan(0);
        expect(body.startsWith('【议事】')).toBe(true);
        expect(body).toContain('《12号楼2单元下水道反复堵塞》');
      }
  });

  it('refuses a request missing what its kind needs', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const needs = KIND_NEEDS[kind];
      if (needs.stage) {
        const { stage: _, ...r } = base;
        expect(() => renderNotification({ ...r, kind }, 'property-company')).toThrow('stage');
      }
      if (needs.subject) {
        const { subject: _, ...r } = base;
        expect(() => renderNotification({ ...r, kind }, 'property-company')).toThrow('subject');
      }
      if (needs.deadline && kind !== 'stage-entered') {
        const { deadline: _, ...r } = base;
        expect(() => renderNotification({ ...r, kind }, 'property-company')).toThrow('deadline');
      }
    }
  });

  it('SMS template variables are short (providers cap each variable)', () => {
    const params = smsTemplateParams(
      { ...base, caseTitle: '金泰和庄小区12号楼2单元因施工缺陷导致下水道反复堵塞问题' },
      'owners-committee',
    );
    expect(params).toEqual({
      case: '金泰和庄小区12号楼2单元因施工缺陷导…',
      party: '业主委员会',
      stage: '分析研判',
      deadline: '2026年3月5日 18:00',
      subject: '更换主排水管',
    });
    expect([...params.case!].length).toBe(20);
  });

  it('asks the grid worker who recorded a demand for a resident to visit and record the answer', () => {
    const resolved = {
      ...base,
      kind: 'demand-confirm' as const,
      caseId: null,
      caseTitle: '楼道灯不亮',
      subject: 'XY-20260305-0007',
    };
    expect(renderDemandConfirm(resolved).title).toBe('请确认诉求办理结果：XY-20260305-0007');
    const forResident = renderDemandConfirm(resolved, '刘奶奶');
    expect(forResident.title).toBe('请回访刘奶奶并记录评价：XY-20260305-0007');
    expect(forResident.body).toBe(
      '【议事】您代刘奶奶记录的诉求 XY-20260305-0007（楼道灯不亮）已办理完毕，请于2026年3月5日 18:00前回访并记录其对办理结果的评价（满意/基本满意/不满意）；不满意的，诉求将重新办理。',
    );
    expect(
      renderDemandConfirm({ ...resolved, caseId: base.caseId, caseTitle: base.caseTitle }, '刘奶奶')
        .body,
    ).toContain('已随议事案件《12号楼2单元下水道反复堵塞》办结');
  });
});
