import { CsvError, parse } from 'csv-parse/sync';
import { ValidationError } from '@yishi/domain';

/** One record of a CSV file and the line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

const LINE_BREAK = /\n/g;

interface RecordWithInfo {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * RFC 4180 CSV (csv-parse): commas, double-quoted fields with "" escapes and line breaks inside,
 * CRLF, LF or CR, mixed as spreadsheets and editors write them. Every line break is read as LF
 * first (inside a field too): csv-parse then counts lines right, and names the line of a fault. A UTF-8 byte-order mark (Excel
 * writes one) is dropped; blank lines are skipped. A malformed file is refused naming its line.
 */
export function parseCsv(text: string): CsvRecord[] {
  let records: RecordWithInfo[];
  try {
    // With `info`, each record comes as {record, info}; the library's types do not say so.
    records = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: '\n',
    }) as unknown as RecordWithInfo[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    throw new ValidationError(`CSV 第 ${line} 行：${problemOf(error.code)}`, { line });
  }
  // csv-parse counts the line a record ends on; a field's own line breaks came before it.
  return records.map(({ record, info }) => ({
    line: info.lines - record.reduce((n, f) => n + (f.match(LINE_BREAK)?.length ?? 0), 0),
    fields: record,
  }));
}

function problemOf(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return '引号没有闭合';
    case 'INVALID_OPENING_QUOTE':
      return '未加引号的字段中出现了引号';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return '引号后面应是逗号或换行';
    default:
      return '格式不正确';
  }
}
