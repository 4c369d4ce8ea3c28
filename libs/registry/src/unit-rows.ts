import { ValidationError } from '@yishi/domain';
import { parseArea } from './area';
import { type CsvRecord } from './csv';

export const UNIT_FIELDS = ['estate', 'building', 'entrance', 'room', 'area'] as const;
export type UnitField = (typeof UNIT_FIELDS)[number];

/** Header names accepted in a CSV import, English as in the API or the Chinese of the forms. */
const HEADER_ALIASES: Record<string, UnitField> = {
  estate: 'estate',
  小区: 'estate',
  building: 'building',
  楼栋: 'building',
  entrance: 'entrance',
  单元: 'entrance',
  room: 'room',
  房号: 'room',
  area: 'area',
  面积: 'area',
};

export const NAME_MAX_LENGTH = 64;
export const MAX_UNITS_PER_IMPORT = 20_000;

export interface UnitDraft {
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
  readonly areaHundredths: number;
}

/** One import row as given, and where it came from (for the error that names it). */
export interface UnitRow {
  readonly row: number;
  readonly line?: number;
  readonly values: Partial<Record<UnitField, unknown>>;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const UNIT_FIELD_TEXT: Readonly<Record<string, string>> = {
  estate: '小区',
  building: '楼栋',
  entrance: '单元',
  room: '房号',
  area: '面积',
};

/** The row's problem (kept in English in `details.problem`) said in Chinese for the message. */
function problemText(problem: string): string {
  const n = /\d+/.exec(problem)?.[0] ?? '';
  if (problem === 'must be text') return '须为文字';
  if (problem === 'is empty') return '不能为空';
  if (problem.startsWith('is longer than')) return `不能超过 ${n} 个字符`;
  if (problem === 'contains control characters') return '含有控制字符';
  if (problem.startsWith('repeats the unit of row')) return `与第 ${n} 行是同一套房屋`;
  if (problem.startsWith('must be a positive number')) return '须为大于 0、最多两位小数的平方米数';
  return `有误（${problem}）`;
}

function reject(row: UnitRow, field: string, problem: string): never {
  const where =
    row.line === undefined
      ? `第 ${row.row} 行房屋`
      : `第 ${row.row} 行房屋（文件第 ${row.line} 行）`;
  throw new ValidationError(`${where}：${UNIT_FIELD_TEXT[field] ?? field}${problemText(problem)}`, {
    row: row.row,
    ...(row.line === undefined ? {} : { line: row.line }),
    field,
    problem,
  });
}

function name(row: UnitRow, field: Exclude<UnitField, 'area'>): string {
  const raw = row.values[field];
  if (typeof raw !== 'string') reject(row, field, 'must be text');
  const value = raw.normalize('NFC').trim();
  if (value === '') reject(row, field, 'is empty');
  if (value.length > NAME_MAX_LENGTH) reject(row, field, `is longer than ${NAME_MAX_LENGTH}`);
  if (CONTROL.test(value)) reject(row, field, 'contains control characters');
  return value;
}

/**
 * Every row checked before anything is written: the first bad row (or a unit listed twice) rejects
 * the whole import, naming the row and the field.
 */
export function validateUnitRows(rows: readonly UnitRow[]): UnitDraft[] {
  if (rows.length === 0)
    throw new ValidationError('没有要导入的房屋', { field: 'units', problem: 'is empty' });
  if (rows.length > MAX_UNITS_PER_IMPORT)
    throw new ValidationError(`每次最多导入 ${MAX_UNITS_PER_IMPORT} 套房屋`, {
      field: 'units',
      problem: `more than ${MAX_UNITS_PER_IMPORT}`,
    });
  const seen = new Map<string, number>();
  return rows.map((row) => {
    const draft = {
      estate: name(row, 'estate'),
      building: name(row, 'building'),
      entrance: name(row, 'entrance'),
      room: name(row, 'room'),
      areaHundredths:
        parseArea(row.values.area) ??
        reject(row, 'area', 'must be a positive number of m² with at most two decimals'),
    };
    const key = JSON.stringify([draft.estate, draft.building, draft.entrance, draft.room]);
    const first = seen.get(key);
    if (first !== undefined) reject(row, 'room', `repeats the unit of row ${first}`);
    seen.set(key, row.row);
    return draft;
  });
}

/** CSV records → import rows: the first record is the header, in English or Chinese. */
export function csvToUnitRows(records: readonly CsvRecord[]): UnitRow[] {
  const [header, ...data] = records;
  if (header === undefined)
    throw new ValidationError('CSV 文件是空的', { field: 'header', problem: 'missing' });
  const columns = header.fields.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? h.trim());
  for (const field of UNIT_FIELDS)
    if (!columns.includes(field))
      throw new ValidationError(`CSV 表头缺少 ${field} 列`, {
        line: header.line,
        field,
        problem: 'missing column',
      });
  const unknown = columns.filter((c) => !(UNIT_FIELDS as readonly string[]).includes(c));
  if (unknown.length > 0)
    throw new ValidationError(`CSV 表头有无法识别的列：${unknown.join('、')}`, {
      line: header.line,
      field: unknown[0],
      problem: 'unknown column',
    });
  return data.map((record, i) => {
    if (record.fields.length !== columns.length)
      throw new ValidationError(
        `第 ${i + 1} 行房屋（文件第 ${record.line} 行）有 ${record.fields.length} 列，表头有 ${columns.length} 列`,
        { row: i + 1, line: record.line, field: 'columns', problem: 'wrong number of fields' },
      );
    const values: Partial<Record<UnitField, unknown>> = {};
    columns.forEach((c, j) => (values[c as UnitField] = record.fields[j]));
    return { row: i + 1, line: record.line, values };
  });
}
