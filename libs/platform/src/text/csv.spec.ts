import { csvFile } from './csv';

describe('csvFile', () => {
  it('writes UTF-8 with a BOM and CRLF, quoting commas, quotes and line breaks (RFC 4180)', () => {
    expect(
      csvFile([['小区', '说明'], ['金泰和庄', '有逗号,也有"引号"'], [], ['多\n行', null, 3]]),
    ).toBe('\uFEFF小区,说明\r\n金泰和庄,"有逗号,也有""引号"""\r\n\r\n"多\n行",,3\r\n');
  });

  it('keeps a spreadsheet from running a cell as a formula, and leaves numbers alone', () => {
    expect(csvFile([['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', -3]])).toBe(
      '\uFEFF"\'=HYPERLINK(""x"")",\'+1,\'-2,\'@SUM(A1),-3\r\n',
    );
  });
});
