import fc from 'fast-check';
import { ValidationError } from '@yishi/domain';
import { areaText, parseArea } from './area';
import { parseCsv } from './csv';
import { demoUnits } from './demo';
import { csvToUnitRows, validateUnitRows, type UnitRow } from './unit-rows';

function rejection(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('area', () => {
  it.each([
    ['89.5', 8950],
    ['89.50', 8950],
    [' 120 ', 12000],
    [89.5, 8950],
    [0.01, 1],
    [0.29, 29],
    ['100000', 10_000_000],
  ])('reads %p exactly as %p hundredths', (input, hundredths) => {
    expect(parseArea(input)).toBe(hundredths);
  });

  it.each([0, -1, '-5', '0.00', '1.234', 'abc', '1e3', 1e-7, Infinity, NaN, '', null, '100000.01'])(
    'refuses %p',
    (input) => expect(parseArea(input)).toBeUndefined(),
  );

  it('round-trips every two-decimal value through text and JSON numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), (h) => {
        expect(parseArea(areaText(h))).toBe(h);
        expect(parseArea(h / 100)).toBe(h);
      }),
    );
  });
});

describe('CSV', () => {
  it('handles BOM, CRLF, quotes, escaped quotes and line breaks inside quotes', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', '2'] },
    ]);
  });

  it('reads LF, CRLF and CR line ends mixed in one file, each record at the line it starts on', () => {
    expect(parseCsv('a,b\r\n1,"x\r\ny"\n2,3\r4,5')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\ny'] },
      { line: 4, fields: ['2', '3'] },
      { line: 5, fields: ['4', '5'] },
    ]);
  });

  it('refuses an unclosed quote and a stray quote, naming the line', () => {
    expect(rejection(() => parseCsv('a\n"open')).details).toEqual({ line: 2 });
    expect(rejection(() => parseCsv('a\nx"y')).details).toEqual({ line: 2 });
  });

  it('reads Chinese headers and names the bad row and field', () => {
    const rows = csvToUnitRows(
      parseCsv(
        '小区,楼栋,单元,房号,面积\n金泰和庄,12号楼,2单元,301,89.50\n金泰和庄,12号楼,2单元,302,-3\n',
      ),
    );
    const error = rejection(() => validateUnitRows(rows));
    expect(error.details).toMatchObject({ row: 2, line: 3, field: 'area' });
  });

  it('refuses missing and unknown columns, and rows of the wrong width', () => {
    expect(
      rejection(() => csvToUnitRows(parseCsv('estate,building,room,area\n'))).details,
    ).toMatchObject({
      field: 'entrance',
    });
    expect(
      rejection(() => csvToUnitRows(parseCsv('estate,building,entrance,room,area,colour\n')))
        .details,
    ).toMatchObject({ field: 'colour' });
    expect(
      rejection(() => csvToUnitRows(parseCsv('estate,building,entrance,room,area\na,b,c,d\n')))
        .details,
    ).toMatchObject({ row: 1, line: 2 });
  });
});

describe('unit rows', () => {
  const row = (values: UnitRow['values'], n = 1): UnitRow => ({ row: n, values });
  const good = {
    estate: '金泰和庄',
    building: '12号楼',
    entrance: '2单元',
    room: '301',
    area: '89.5',
  };

  it('normalises names and keeps areas exact', () => {
    expect(validateUnitRows([row({ ...good, room: ' 301 ' })])).toEqual([
      {
        estate: '金泰和庄',
        building: '12号楼',
        entrance: '2单元',
        room: '301',
        areaHundredths: 8950,
      },
    ]);
  });

  it.each([
    ['estate', ''],
    ['building', 12],
    ['entrance', 'x'.repeat(65)],
    ['room', 'a\u0000b'],
    ['area', '0'],
    ['area', undefined],
  ])('names %s when it is %p', (field, value) => {
    expect(
      rejection(() => validateUnitRows([row({ ...good, [field]: value })])).details,
    ).toMatchObject({
      row: 1,
      field,
    });
  });

  it('refuses a unit listed twice, naming both rows', () => {
    const error = rejection(() => validateUnitRows([row(good, 1), row(good, 2)]));
    expect(error.details).toMatchObject({ row: 2, field: 'room' });
    expect(error.message).toContain('第 1 行');
  });

  it('refuses an empty import', () => {
    expect(() => validateUnitRows([])).toThrow(ValidationError);
  });

  it('the demo estate has 72 distinct units between 60 and 140 m²', () => {
    const units = demoUnits();
    expect(units).toHaveLength(72);
    expect(new Set(units.map((u) => `${u.building}/${u.entrance}/${u.room}`)).size).toBe(72);
    for (const u of units) {
      expect(u.areaHundredths).toBeGreaterThanOrEqual(6000);
      expect(u.areaHundredths).toBeLessThanOrEqual(14000);
    }
  });
});
