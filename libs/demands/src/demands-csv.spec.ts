import { demandsCsv } from './demands-csv';
import { type DemandListItem } from './list-demands/demand-list';

const item: DemandListItem = {
  id: 'd1',
  number: 'XY-20261207-0001',
  content: '=路灯坏了',
  category: 'public-facilities',
  status: 'closed',
  gridId: 'g1',
  unitId: 'u1',
  estate: '金泰和庄',
  building: '12号楼',
  source: 'online',
  receivedAt: '2026-12-07T01:02:00.000Z',
  acceptedAt: null,
  acceptDueAt: '2026-12-08T01:02:00.000Z',
  dueAt: '2026-12-16T01:02:00.000Z',
  overdue: false,
  closedAt: '2026-12-08T12:00:00.000Z',
  reopenings: 1,
  rating: 'basically-satisfied',
  assignedUserId: null,
};

describe('the ledger as CSV', () => {
  it('has Chinese headers and labels, CST times in Chinese form, and no formulas', () => {
    const csv = demandsCsv([item], new Map([['g1', '第一网格']]));
    const [header, row] = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe(
      '诉求编号,受理时间,类别,诉求内容,状态,网格,小区,楼栋,渠道,签收时间,办理期限,超时,销号时间,重复诉求（次）,评价',
    );
    expect(row).toBe(
      "XY-20261207-0001,2026年12月7日 09:02,公共设施,'=路灯坏了,已销号,第一网格,金泰和庄,12号楼,线上提交,,2026年12月16日 09:02,,2026年12月8日 20:00,1,基本满意",
    );
  });

  it('marks an overdue demand 已超时', () => {
    const csv = demandsCsv(
      [{ ...item, status: 'assigned', closedAt: null, rating: null, overdue: true }],
      new Map([['g1', '第一网格']]),
    );
    expect(csv).toContain(',2026年12月16日 09:02,已超时,,');
  });

  it('names the community for a demand in no grid', () => {
    const csv = demandsCsv([{ ...item, gridId: null }], new Map());
    expect(csv).toContain('社区（未划网格）');
  });
});
