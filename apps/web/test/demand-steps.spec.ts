import { ApiError, ERROR_TEXT } from '../src/api/errors';
import { type DemandDetail, type Role } from '../src/api/types';
import {
  demandSteps,
  type LedgerViewer,
  orderForResident,
  standing,
} from '../src/pages/demands/demand-steps';
import { demandWords, detailedErrorText } from '../src/pages/demand-words';

const RESIDENT = 'u-resident';
const WORKER = 'u-worker';
const GRID = 'g-2';
const AT = '2026-12-07T08:00:00Z';

function viewer(userId: string, roles: Role[], gridIds: string[] = []): LedgerViewer {
  return { userId, roles, party: null, gridIds };
}
const resident = viewer(RESIDENT, ['resident']);
const worker = viewer(WORKER, ['grid-worker'], [GRID]);
const otherWorker = viewer('u-other', ['grid-worker'], ['g-1']);
const secretary = viewer('u-shuji', ['secretary']);

function demand(status: DemandDetail['status'], over: Partial<DemandDetail> = {}): DemandDetail {
  return {
    id: 'd-1',
    communityId: 'c-1',
    number: 'XY-20261207-0001',
    content: '楼道灯坏了',
    category: 'public-facilities',
    status,
    unitId: null,
    place: null,
    gridId: GRID,
    source: 'online',
    photoIds: [],
    onBehalfOf: null,
    submittedBy: RESIDENT,
    receivedAt: AT,
    acceptDueAt: AT,
    dueAt: AT,
    acceptedAt: null,
    assignment: null,
    refusals: [],
    round: 1,
    reopenings: 0,
    resolutions: [],
    confirmations: [],
    confirmDueAt: status === 'resolved' ? AT : null,
    mergedInto: null,
    caseId: null,
    closedAt: null,
    version: 1,
    whistles: [],
    timeline: [],
    ...over,
  };
}

describe('the demand page offers each user the steps the ledger allows them', () => {
  it('a received demand: its grid worker accepts or refuses, the secretary accepts, the resident may withdraw', () => {
    const d = demand('received');
    expect(demandSteps(d, worker)).toEqual(['accept', 'refuse']);
    expect(demandSteps(d, secretary)).toEqual(['accept', 'escalate']);
    expect(demandSteps(d, resident)).toEqual(['withdraw']);
    // A worker of another grid has nothing to do with it.
    expect(demandSteps(d, otherWorker)).toEqual([]);
  });

  it('an accepted or assigned demand is resolved or (re)assigned; the assignee resolves too', () => {
    expect(demandSteps(demand('accepted'), worker)).toEqual(['resolve', 'assign']);
    const toMe = demand('assigned', {
      assignment: {
        party: null,
        userId: 'u-handler',
        gridId: null,
        dueAt: AT,
        note: null,
        assignedAt: AT,
        assignedBy: WORKER,
      },
    });
    expect(demandSteps(toMe, viewer('u-handler', ['resident']))).toEqual(['resolve']);
    const toProperty = demand('assigned', {
      assignment: { ...toMe.assignment!, userId: null, party: 'property-company' },
    });
    expect(
      demandSteps(toProperty, { ...viewer('u-wuye', ['party-member']), party: 'property-company' }),
    ).toEqual(['resolve']);
    expect(demandSteps(toProperty, resident)).toEqual(['withdraw']);
  });

  it('a refused demand is the secretary’s to give elsewhere', () => {
    expect(demandSteps(demand('refused'), secretary)).toEqual(['assign', 'escalate']);
    expect(demandSteps(demand('refused'), worker)).toEqual([]);
  });

  it('a resolved demand asks its submitter to evaluate; never withdraw', () => {
    expect(demandSteps(demand('resolved'), resident)).toEqual(['confirm']);
    expect(demandSteps(demand('resolved'), worker)).toEqual([]);
  });

  it('a demand written down for a resident: the recorder or its grid worker records their answer', () => {
    const forGrandpa = demand('resolved', {
      submittedBy: WORKER,
      source: 'door-to-door',
      onBehalfOf: { name: '陈爷爷', phone: null },
    });
    expect(demandSteps(forGrandpa, worker)).toEqual(['record-answer']);
    const byLead = { ...forGrandpa, submittedBy: 'u-lead' };
    expect(demandSteps(byLead, worker)).toEqual(['record-answer']);
    expect(demandSteps(byLead, viewer('u-lead', ['unit-lead']))).toEqual(['record-answer']);
    expect(demandSteps(byLead, otherWorker)).toEqual([]);
  });

  it('closed with its case, the submitter is still asked to evaluate; finished ones offer nothing', () => {
    expect(demandSteps(demand('closed', { confirmDueAt: AT }), resident)).toEqual(['confirm']);
    for (const status of ['closed', 'withdrawn', 'merged'] as const)
      for (const v of [resident, worker, secretary])
        expect(demandSteps(demand(status), v)).toEqual([]);
  });

  it('says where a demand stands, and how a closed one was closed', () => {
    expect(standing(demand('received'))).toBe('等待网格员签收');
    expect(standing(demand('resolved'), RESIDENT)).toBe('已办好，请您评价');
    expect(standing(demand('resolved'), WORKER)).toBe('已办好，等待提出人评价');
    expect(standing(demand('assigned', { reopenings: 1 }))).toBe('评价不满意，正在重新办理');
    const lapsed = demand('closed', {
      timeline: [
        {
          position: 3,
          type: 'DemandConfirmationLapsed',
          label: '逾期未评价',
          detail: null,
          actorId: null,
          actorName: null,
          occurredAt: AT,
          occurredAtText: '',
        },
      ],
    });
    expect(standing(lapsed)).toBe('逾期未评价，自动办结');
  });
});

describe('the demand pages', () => {
  it('show the ledger’s own Chinese sentence for its refusals', () => {
    const refused = new ApiError(409, {
      error: {
        code: 'IN_ADMISSION_LIST',
        message: '“公共设施”在本网格的准入清单内，须签收办理，不能退回',
        details: { category: 'public-facilities' },
      },
    });
    // Everywhere: a code without general words says the API's sentence.
    expect(refused.message).toBe('“公共设施”在本网格的准入清单内，须签收办理，不能退回');
    const stage = new ApiError(409, {
      error: { code: 'WRONG_STAGE', message: '诉求状态为“已签收”，不能退回', details: {} },
    });
    expect(stage.message).toBe(ERROR_TEXT.WRONG_STAGE);
    expect((demandWords(stage) as Error).message).toBe('诉求状态为“已签收”，不能退回');
    // A field-by-field validation failure keeps the app's words; an English message is never shown.
    const fields = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '提交的内容有误，请按提示修改后再提交',
        details: { fields: [{ field: 'content', problems: ['content should not be empty'] }] },
      },
    });
    expect((demandWords(fields) as Error).message).toBe(
      '填写的内容有误，请检查后再提交。（有问题的项：内容：不能为空）',
    );
    const english = new ApiError(403, { error: { code: 'FORBIDDEN', message: 'forbidden' } });
    expect((demandWords(english) as Error).message).toBe(ERROR_TEXT.FORBIDDEN);
  });

  it('give the ledger’s dialogs the same words: the rows of an import, the demand not merged', () => {
    const rows = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '第 2 行：受理时间不是时间',
        details: { problems: [{ row: 2, field: 'receivedAt', problem: 'is not a time' }] },
      },
    });
    expect(detailedErrorText(rows)).toBe('第 2 行：受理时间不是时间');
    const into = new ApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: '要合并到的诉求不存在',
        details: { field: 'into' },
      },
    });
    expect(detailedErrorText(into)).toBe('要合并到的诉求不存在');
    expect(detailedErrorText(new TypeError('x'))).toBe(ERROR_TEXT.INTERNAL);
  });

  it('list a resident’s demands waiting for evaluation first, finished ones last', () => {
    const item = (id: string, status: DemandDetail['status'], receivedAt: string) =>
      ({ ...demand(status), id, receivedAt }) as never;
    const ordered = orderForResident([
      item('closed-new', 'closed', '2026-12-07T09:00:00Z'),
      item('open-old', 'received', '2026-12-01T09:00:00Z'),
      item('resolved-old', 'resolved', '2026-11-01T09:00:00Z'),
      item('open-new', 'assigned', '2026-12-06T09:00:00Z'),
    ]);
    expect(ordered.map((d: { id: string }) => d.id)).toEqual([
      'resolved-old',
      'open-new',
      'open-old',
      'closed-new',
    ]);
  });
});
