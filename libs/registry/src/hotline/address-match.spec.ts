import {
  buildingKey,
  entranceKey,
  matchAddressToUnit,
  normaliseAddress,
  parseAddress,
  roomKey,
  type LedgerUnit,
} from './address-match';

/*
 * 12345 addresses as callers say them and operators type them, against a ledger of three estates
 * written three ways: 金泰和庄 (10–12号楼, 1单元 / 2单元, rooms 101–602, as the demo), 幸福里小区
 * (3栋 and 5栋, entrances `1` and `2`, rooms 501–502) and 阳光花园 (A座, B座 and a 10号楼 of its
 * own, 1单元, rooms 1201–1202).
 */
function ledger(): LedgerUnit[] {
  const units: LedgerUnit[] = [];
  const add = (estate: string, building: string, entrance: string, room: string) =>
    units.push({
      id: `${estate}/${building}/${entrance}/${room}`,
      estate,
      building,
      entrance,
      room,
    });
  for (const building of ['10号楼', '11号楼', '12号楼'])
    for (const entrance of ['1单元', '2单元'])
      for (let floor = 1; floor <= 6; floor++)
        for (const n of [1, 2]) add('金泰和庄', building, entrance, `${floor}0${n}`);
  for (const building of ['3栋', '5栋'])
    for (const entrance of ['1', '2'])
      for (const room of ['501', '502']) add('幸福里小区', building, entrance, room);
  for (const building of ['A座', 'B座', '10号楼'])
    for (const room of ['1201', '1202']) add('阳光花园', building, '1单元', room);
  return units;
}

describe('matchAddressToUnit', () => {
  const units = ledger();
  const unit = (id: string) => {
    const [estate, building] = id.split('/');
    return { kind: 'unit', unitId: id, estate, building };
  };
  const J = '金泰和庄/12号楼/2单元/301';

  it.each([
    ['金泰和庄12号楼2单元301', J],
    ['金泰和庄小区12栋2门301室', J],
    ['金泰和庄12幢2单元301号', J],
    ['金泰和庄12号2单元301', J],
    ['金泰和庄12-2-301', J],
    ['金泰和庄12—2—301', J],
    ['金泰和庄 12 号楼 2 单元 301', J],
    ['金泰和庄１２号楼２单元３０１', J],
    ['金泰和庄１２－２－３０１室', J],
    ['江西省抚州市金溪县秀谷镇学苑社区金泰和庄十二号楼二单元301室', J],
    ['秀谷大道88号金泰和庄12号楼2单元301', J],
    ['金泰和庄12号楼2单元3楼301', J],
    ['金泰和庄12号楼2单元0301', J],
    ['幸福里3-2-501', '幸福里小区/3栋/2/501'],
    ['幸福里小区3号楼2单元501', '幸福里小区/3栋/2/501'],
    ['幸福里小区3幢2门0501室', '幸福里小区/3栋/2/501'],
    ['幸福里 5 栋 1 单元 502', '幸福里小区/5栋/1/502'],
    ['3栋2单元501室', '幸福里小区/3栋/2/501'],
    ['５栋１单元５０２', '幸福里小区/5栋/1/502'],
    ['阳光花园A座1单元1201', '阳光花园/A座/1单元/1201'],
    ['阳光花园Ａ座１单元１２０２室', '阳光花园/A座/1单元/1202'],
    ['阳光花园a座1单元1201', '阳光花园/A座/1单元/1201'],
    ['阳光花园10号楼1单元1202', '阳光花园/10号楼/1单元/1202'],
    ['阳光花园B座1201', '阳光花园/B座/1单元/1201'],
  ])('%s → the unit %s', (address, id) => {
    expect(matchAddressToUnit(address, units)).toEqual(unit(id));
  });

  it.each([
    ['金泰和庄12号楼', '金泰和庄', '12号楼', 'no-room'],
    ['金泰和庄12号楼2单元门口路灯不亮', '金泰和庄', '12号楼', 'no-room'],
    ['金泰和庄十一栋楼下', '金泰和庄', '11号楼', 'no-room'],
    ['金泰和庄12号楼2单元909', '金泰和庄', '12号楼', 'unknown-room'],
    ['金泰和庄12号楼3单元301', '金泰和庄', '12号楼', 'unknown-room'],
    ['金泰和庄12号楼301', '金泰和庄', '12号楼', 'ambiguous-unit'],
    ['幸福里小区3号楼501', '幸福里小区', '3栋', 'ambiguous-unit'],
    ['幸福里3-501', '幸福里小区', '3栋', 'ambiguous-unit'],
  ])('%s → only the building (%s %s: %s)', (address, estate, building, reason) => {
    expect(matchAddressToUnit(address, units)).toEqual({
      kind: 'building',
      estate,
      building,
      reason,
    });
  });

  it.each([
    ['金泰和庄东门附近路灯不亮'],
    ['金泰和庄3楼'],
    ['金泰和庄99号楼1单元101'],
    ['10号楼1单元101'],
    ['秀谷大道88号'],
    ['学苑社区广场'],
    [''],
    ['幸福里小区7栋1单元501'],
  ])('%s → nothing', (address) => {
    expect(matchAddressToUnit(address, units)).toBeNull();
  });

  it('needs no estate when the community has one and the building is its', () => {
    const demo = units.filter((u) => u.estate === '金泰和庄');
    expect(matchAddressToUnit('12号楼2单元301', demo)).toEqual(unit(J));
    expect(matchAddressToUnit('10号楼1单元101', demo)).toEqual(unit('金泰和庄/10号楼/1单元/101'));
  });
});

describe('the parts of an address and the ledger keys', () => {
  it('normalises full-width characters, spaces, dashes, case and small Chinese numbers', () => {
    expect(normaliseAddress('１２号楼 ２单元－３０１ａ')).toBe('12号楼2单元-301A');
    expect(normaliseAddress('十二号楼二单元')).toBe('12号楼2单元');
    expect(normaliseAddress('二十三栋十单元')).toBe('23栋10单元');
    expect(normaliseAddress('三十幢两门')).toBe('30幢2门');
    expect(normaliseAddress('一二三号楼')).toBe('123号楼');
  });

  it('reads the ledger’s names as keys', () => {
    expect(['12号楼', '12栋', '12幢', '12', '012', '１２号楼'].map(buildingKey)).toEqual(
      Array(6).fill('12'),
    );
    expect(['A座', 'a座', 'Ａ'].map(buildingKey)).toEqual(['A', 'A', 'A']);
    expect(buildingKey('商业楼')).toBe('商业楼');
    expect(['2单元', '2门', '2', '二单元', '02'].map(entranceKey)).toEqual(Array(5).fill('2'));
    expect(['301', '0301', '301室', '301号', '３０１'].map(roomKey)).toEqual(Array(5).fill('301'));
    expect(roomKey('1201B')).toBe('1201B');
  });

  it('parses the estate, building, entrance and room', () => {
    const estates = ['金泰和庄', '幸福里小区'];
    expect(parseAddress('幸福里3-2-501', estates)).toEqual({
      estate: '幸福里小区',
      building: '3',
      entrance: '2',
      room: '501',
    });
    expect(parseAddress('3栋2单元501室', estates)).toEqual({
      estate: null,
      building: '3',
      entrance: '2',
      room: '501',
    });
    expect(parseAddress('金泰和庄东门', estates)).toEqual({
      estate: '金泰和庄',
      building: null,
      entrance: null,
      room: null,
    });
  });
});
