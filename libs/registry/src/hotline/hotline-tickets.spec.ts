import { ValidationError } from '@yishi/domain';
import {
  MAX_TICKETS_PER_IMPORT,
  mapHotlineCategory,
  parseHotlineTickets,
  parseHotlineTime,
  type TicketProblem,
} from './hotline-tickets';

/* 12345 tickets as the city platform exports them: CSV with Chinese or English headers, or JSON. */
describe('parseHotlineTickets', () => {
  const CSV_CN = [
    '工单编号,受理时间,诉求内容,诉求类别,地址,办理时限',
    'GD202612070001,2026-12-07 08:12,"12号楼前路灯不亮，晚上看不清",城市管理-路灯照明,金泰和庄12号楼2单元301,2026-12-09 08:12',
    'GD202612070002,2026/12/07 09:30:15,"楼上装修噪音大，""早上七点""就开始",环境保护-噪音扰民,幸福里3-2-501,',
  ].join('\r\n');

  it('reads a CSV with Chinese headers (CRLF, quotes), times in CST, categories mapped and kept', () => {
    expect(parseHotlineTickets(CSV_CN, 'text/csv')).toEqual([
      {
        row: 1,
        ticketNumber: 'GD202612070001',
        receivedAt: '2026-12-07T00:12:00.000Z',
        content: '12号楼前路灯不亮，晚上看不清',
        category: 'public-facilities',
        hotlineCategory: '城市管理-路灯照明',
        address: '金泰和庄12号楼2单元301',
        dueAt: '2026-12-09T00:12:00.000Z',
      },
      {
        row: 2,
        ticketNumber: 'GD202612070002',
        receivedAt: '2026-12-07T01:30:15.000Z',
        content: '楼上装修噪音大，"早上七点"就开始',
        category: 'noise',
        hotlineCategory: '环境保护-噪音扰民',
        address: '幸福里3-2-501',
        dueAt: null,
      },
    ]);
  });

  it('reads English headers in any order and case, a byte-order mark, no dueAt column, and bytes', () => {
    const csv =
      '\uFEFFAddress,TicketNumber,content,category,receivedAt\n' +
      '金泰和庄10号楼,12345-2026-000123,小区垃圾三天没人清运,市容环卫,2026-12-07T08:12:00+08:00\n';
    const expected = [
      {
        row: 1,
        ticketNumber: '12345-2026-000123',
        receivedAt: '2026-12-07T00:12:00.000Z',
        content: '小区垃圾三天没人清运',
        category: 'environment-sanitation',
        hotlineCategory: '市容环卫',
        address: '金泰和庄10号楼',
        dueAt: null,
      },
    ];
    expect(parseHotlineTickets(csv, 'text/csv; charset=utf-8')).toEqual(expected);
    expect(parseHotlineTickets(Buffer.from(csv, 'utf8'), 'text/csv')).toEqual(expected);
  });

  it('reads a JSON array (or {tickets}), given parsed or as text', () => {
    const tickets = [
      {
        ticketNumber: 'GD1',
        receivedAt: '2026-12-07 08:12',
        content: '物业不修楼道漏水',
        category: '物业管理',
        address: '阳光花园A座1单元1201',
        dueAt: '2026-12-08T08:12:00Z',
      },
    ];
    const expected = [
      {
        row: 1,
        ticketNumber: 'GD1',
        receivedAt: '2026-12-07T00:12:00.000Z',
        content: '物业不修楼道漏水',
        category: 'property-service',
        hotlineCategory: '物业管理',
        address: '阳光花园A座1单元1201',
        dueAt: '2026-12-08T08:12:00.000Z',
      },
    ];
    expect(parseHotlineTickets(tickets, 'application/json')).toEqual(expected);
    expect(parseHotlineTickets({ tickets }, 'application/json')).toEqual(expected);
    expect(parseHotlineTickets(JSON.stringify(tickets), 'application/json; charset=UTF-8')).toEqual(
      expected,
    );
  });

  const problems = (body: unknown, type: string): { message: string; list: TicketProblem[] } => {
    try {
      parseHotlineTickets(body, type);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const e = error as ValidationError;
      return { message: e.message, list: (e.details as { problems: TicketProblem[] }).problems };
    }
    throw new Error('accepted');
  };

  it('refuses the whole file naming every bad row and field, in Chinese (never a partial result)', () => {
    const csv = [
      '工单编号,受理时间,诉求内容,诉求类别,地址,办理时限',
      'GD1,2026-12-07 08:12,路灯不亮,路灯,金泰和庄12号楼,',
      'GD 2,2026-12-07 08:12,路灯不亮,路灯,金泰和庄12号楼,',
      'GD3,昨天上午,,路灯,金泰和庄12号楼,2026-12-06 08:00',
      'GD1,2026-02-30 08:12,重复,路灯,,',
      'GD5,2026-12-07 08:12,路灯不亮,路灯,金泰和庄12号楼,2026-12-06 08:00',
    ].join('\n');
    const { message, list } = problems(csv, 'text/csv');
    expect(list).toEqual([
      { row: 2, line: 3, field: 'ticketNumber', problem: 'has spaces or symbols' },
      { row: 3, line: 4, field: 'receivedAt', problem: 'is not a time' },
      { row: 3, line: 4, field: 'content', problem: 'is empty' },
      { row: 4, line: 5, field: 'receivedAt', problem: 'is not a time' },
      { row: 4, line: 5, field: 'address', problem: 'is empty' },
      { row: 4, line: 5, field: 'ticketNumber', problem: 'repeats the ticket of row 1' },
      { row: 5, line: 6, field: 'dueAt', problem: 'is before the received time' },
    ]);
    expect(message).toBe(
      '工单有误，未导入任何一条：第 2 行（文件第 3 行）工单编号只能由字母、数字和 - _ . / # 组成；' +
        '第 3 行（文件第 4 行）受理时间不是时间（应为 2026-12-07 08:12 这样的北京时间，或带时区的 ISO 8601）；' +
        '第 3 行（文件第 4 行）诉求内容不能为空；' +
        '第 4 行（文件第 5 行）受理时间不是时间（应为 2026-12-07 08:12 这样的北京时间，或带时区的 ISO 8601）；' +
        '第 4 行（文件第 5 行）地址不能为空；另有 2 处问题',
    );
  });

  it('names JSON rows: missing fields, wrong types, items that are not objects', () => {
    const { list, message } = problems(
      [
        { ticketNumber: 'GD1', receivedAt: '2026-12-07 08:12', content: '内容', category: '其他' },
        {
          ticketNumber: 7,
          receivedAt: '2026-12-07 08:12',
          content: '内容',
          category: '其他',
          address: 'x',
        },
        'GD3',
      ],
      'application/json',
    );
    expect(list).toEqual([
      { row: 1, field: 'address', problem: 'is missing' },
      { row: 2, field: 'ticketNumber', problem: 'must be text' },
      { row: 3, field: 'ticket', problem: 'must be an object' },
    ]);
    expect(message).toContain('第 1 行地址缺少');
    expect(message).toContain('第 3 行工单须为对象');
  });

  it('refuses what is not UTF-8 CSV or JSON, with a Chinese reason', () => {
    const gbk = Buffer.from([0xb9, 0xa4, 0xb5, 0xa5, 0xb1, 0xe0, 0xba, 0xc5]); // 工单编号 in GBK
    const reason = (body: unknown, type: string) => {
      try {
        parseHotlineTickets(body, type);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(reason(gbk, 'text/csv')).toContain('UTF-8');
    expect(reason('工单编号\n\uFFFD\uFFFD', 'text/csv')).toContain('GBK');
    expect(reason('a,b', 'text/csv; charset=gbk')).toContain('收到的是 gbk');
    expect(reason('工单编号,受理时间\nGD1,2026-12-07 08:12', 'text/csv')).toBe(
      'CSV 表头缺少：诉求内容（content）、诉求类别（category）、地址（address）',
    );
    expect(reason('工单编号,受理时间,诉求内容,诉求类别,地址\n', 'text/csv')).toBe(
      '没有要导入的工单',
    );
    expect(reason('', 'text/csv')).toBe('CSV 文件是空的');
    expect(reason('{"a":', 'application/json')).toBe('JSON 格式不正确');
    expect(reason({ a: 1 }, 'application/json')).toBe('JSON 应为工单数组');
    expect(reason('x', 'application/xml')).toBe('工单只接受 text/csv 或 application/json');
    expect(
      reason(
        Array.from({ length: MAX_TICKETS_PER_IMPORT + 1 }, () => ({})),
        'application/json',
      ),
    ).toBe(`每次最多导入 ${MAX_TICKETS_PER_IMPORT} 条工单`);
  });
});

describe('parseHotlineTime', () => {
  it.each([
    ['2026-12-07 08:12', '2026-12-07T00:12:00.000Z'],
    ['2026-12-07 08:12:30', '2026-12-07T00:12:30.000Z'],
    ['2026/12/7 8:05', '2026-12-07T00:05:00.000Z'],
    ['2026.12.07 00:30', '2026-12-06T16:30:00.000Z'],
    ['2026-12-07T08:12', '2026-12-07T00:12:00.000Z'],
    ['２０２６-１２-０７ ０８:１２', '2026-12-07T00:12:00.000Z'],
    ['2026-12-07T08:12:00+08:00', '2026-12-07T00:12:00.000Z'],
    ['2026-12-07T00:12:00Z', '2026-12-07T00:12:00.000Z'],
    ['2026-12-07T00:12:00.500Z', '2026-12-07T00:12:00.000Z'],
    ['2026-12-06T19:12:00-05:00', '2026-12-07T00:12:00.000Z'],
  ])('%s → %s', (text, iso) => {
    expect(parseHotlineTime(text)).toBe(iso);
  });

  it.each([['2026-02-30 08:12'], ['2026-12-07'], ['2026-12-07 24:00'], ['昨天'], ['1765095120']])(
    '%s is not a time',
    (text) => {
      expect(parseHotlineTime(text)).toBeNull();
    },
  );
});

describe('mapHotlineCategory', () => {
  it.each([
    ['城市管理-路灯照明', 'public-facilities'],
    ['市容环卫-垃圾清运', 'environment-sanitation'],
    ['环境卫生', 'environment-sanitation'],
    ['物业管理-物业服务', 'property-service'],
    ['物业管理-楼道漏水', 'property-service'],
    ['环境保护-噪音扰民', 'noise'],
    ['交通管理-停车难', 'parking'],
    ['城乡建设-违章搭建', 'illegal-construction'],
    ['违建', 'illegal-construction'],
    ['供水-停水', 'utilities'],
    ['供电-停电', 'utilities'],
    ['燃气', 'utilities'],
    ['冬季供暖', 'utilities'],
    ['园林绿化', 'greening'],
    ['邻里纠纷', 'neighbour-dispute'],
    ['民政-老人关爱', 'elderly-disabled-care'],
    ['残疾人服务', 'elderly-disabled-care'],
    ['安全隐患', 'safety-hazard'],
    ['消防安全', 'safety-hazard'],
    ['咨询', 'other'],
    ['', 'other'],
  ])('%s → %s', (text, category) => {
    expect(mapHotlineCategory(text)).toBe(category);
  });
});
