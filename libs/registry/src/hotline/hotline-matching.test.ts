import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database';
import { RegistryReads } from '../registry-reads';
import { importUnits } from '../units';
import { matchAddressToUnit } from './address-match';
import { parseHotlineTickets } from './hotline-tickets';

/*
 * A 12345 export read and matched against a community's unit ledger as the registry stores it
 * (RegistryReads.unitLedger on real PostgreSQL): each ticket's address to its unit, its building
 * only, or nothing.
 */
describe('hotline tickets matched to the unit ledger (real PostgreSQL)', () => {
  let db: TestDatabase;
  let communityId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    communityId = randomUUID();
    await db.pool.query(`INSERT INTO communities (id, name) VALUES ($1, '学苑社区')`, [
      communityId,
    ]);
    const unit = (estate: string, building: string, entrance: string, room: string) => ({
      estate,
      building,
      entrance,
      room,
      areaHundredths: 8_800,
    });
    await importUnits(db.pool, null, communityId, [
      unit('金泰和庄', '12号楼', '2单元', '301'),
      unit('金泰和庄', '12号楼', '1单元', '301'),
      unit('幸福里小区', '3栋', '2', '501'),
    ]);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('loads the ledger once and matches each ticket’s address', async () => {
    const ledger = await new RegistryReads(db.pool).unitLedger(communityId);
    expect(ledger.map((u) => [u.estate, u.building, u.entrance, u.room].join(' ')).sort()).toEqual(
      ['幸福里小区 3栋 2 501', '金泰和庄 12号楼 1单元 301', '金泰和庄 12号楼 2单元 301'].sort(),
    );
    const tickets = parseHotlineTickets(
      [
        '工单编号,受理时间,诉求内容,诉求类别,地址',
        'GD1,2026-12-07 08:12,楼道灯坏了,路灯照明,金泰和庄１２号楼２单元３０１室',
        'GD2,2026-12-07 08:20,楼上漏水,供水-漏水,幸福里3-2-501',
        'GD3,2026-12-07 08:30,门口垃圾堆放,市容环卫,金泰和庄12号楼301',
        'GD4,2026-12-07 08:40,广场噪音,噪音扰民,学苑社区文化广场',
      ].join('\n'),
      'text/csv',
    );
    const byId = new Map(
      ledger.map((u) => [u.id, `${u.estate}${u.building}${u.entrance}${u.room}`]),
    );
    const matched = tickets.map((t) => {
      const m = matchAddressToUnit(t.address, ledger);
      return [
        t.ticketNumber,
        t.category,
        m === null ? null : m.kind === 'unit' ? byId.get(m.unitId) : `${m.estate}${m.building}`,
      ];
    });
    expect(matched).toEqual([
      ['GD1', 'public-facilities', '金泰和庄12号楼2单元301'],
      ['GD2', 'utilities', '幸福里小区3栋2501'],
      ['GD3', 'environment-sanitation', '金泰和庄12号楼'],
      ['GD4', 'noise', null],
    ]);
  });
});
