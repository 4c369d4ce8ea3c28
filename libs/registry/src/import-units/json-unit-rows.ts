import { ValidationError } from '@yishi/domain';
import { UNIT_FIELDS, type UnitRow } from '../unit-rows';

/** `{units: [...]}` → rows; anything else about the body is named in a 400. */
export function jsonUnitRows(body: unknown): UnitRow[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ValidationError('提交的内容须为 {units: [...]} 形式', {
      fields: [{ field: 'units', problems: ['missing'] }],
    });
  const extra = Object.keys(body).filter((k) => k !== 'units');
  if (extra.length > 0)
    throw new ValidationError('提交的内容有误，请按提示修改后再提交', {
      fields: extra.map((field) => ({ field, problems: [`property ${field} should not exist`] })),
    });
  const units = (body as { units?: unknown }).units;
  if (!Array.isArray(units))
    throw new ValidationError('units 须为列表', {
      fields: [{ field: 'units', problems: ['must be an array'] }],
    });
  return units.map((u: unknown, i) => {
    const row = i + 1;
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      throw new ValidationError(`第 ${row} 行房屋：格式不正确`, {
        row,
        field: `units[${i}]`,
      });
    const unknown = Object.keys(u).filter((k) => !(UNIT_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0)
      throw new ValidationError(`第 ${row} 行房屋：不能包含字段 ${unknown[0]}`, {
        row,
        field: unknown[0],
        problem: 'should not exist',
      });
    return { row, values: u as Record<string, unknown> };
  });
}
