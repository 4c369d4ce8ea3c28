import { csvFile } from '@yishi/platform';
import { parseCsv } from './csv';

// The platform's CSV writer (exports) against this lib's importer: here, as the layers go upward.
describe('csvFile', () => {
  it('reads back as it was written', () => {
    const rows = [
      ['小区', '楼栋'],
      ['金泰和庄', '12号楼, 东侧'],
      ['"引号"', '换\n行'],
    ];
    expect(parseCsv(csvFile(rows)).map((r) => r.fields)).toEqual(rows);
  });
});
