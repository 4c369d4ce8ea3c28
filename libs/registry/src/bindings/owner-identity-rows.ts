import { ValidationError } from '@yishi/domain';

/** One owner of a bulk import, as the file or JSON gives it; `row` and `line` for messages. */
export interface OwnerIdentityRow {
  readonly row: number;
  readonly line?: number | undefined;
  readonly values: Record<string, unknown>;
}

/** Columns of the owner import, English or Chinese (小区,楼栋,单元,房号,不动产权证号,身份证号). */
export const OWNER_IDENTITY_FIELDS = [
  'estate',
  'building',
  'entrance',
  'room',
  'certificateNumber',
  'idNumber',
] as const;
const OWNER_HEADER_ALIASES: Readonly<Record<string, string>> = {
  小区: 'estate',
  楼栋: 'building',
  单元: 'entrance',
  房号: 'room',
  不动产权证号: 'certificateNumber',
  产权证号: 'certificateNumber',
  certificatenumber: 'certificateNumber',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
};

/** CSV records → owner rows: the first record is the header. */
export function csvToOwnerIdentityRows(
  records: readonly { line: number; fields: string[] }[],
): OwnerIdentityRow[] {
  const [header, ...data] = records;
  if (header === undefined)
    throw new ValidationError('CSV 文件是空的', { field: 'header', problem: 'missing' });
  const columns = header.fields.map((h) => {
    const name = h.trim();
    return OWNER_HEADER_ALIASES[name] ?? OWNER_HEADER_ALIASES[name.toLowerCase()] ?? name;
  });
  for (const field of OWNER_IDENTITY_FIELDS)
    if (!columns.includes(field))
      throw new ValidationError(`CSV 表头缺少 ${field} 列`, {
        line: header.line,
        field,
        problem: 'missing column',
      });
  return data.map((record, i) => {
    if (record.fields.length !== columns.length)
      throw new ValidationError(
        `第 ${i + 1} 行业主（文件第 ${record.line} 行）有 ${record.fields.length} 列，表头有 ${columns.length} 列`,
        { row: i + 1, line: record.line, field: 'columns', problem: 'wrong number of fields' },
      );
    const values: Record<string, unknown> = {};
    columns.forEach((c, j) => (values[c] = record.fields[j]));
    return { row: i + 1, line: record.line, values };
  });
}

/** The most owners one import may record (a large estate's registry, like the unit import). */
export const MAX_OWNERS_PER_IMPORT = 20_000;
