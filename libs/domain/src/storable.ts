import { ValidationError } from './errors';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 32;

/**
 * PostgreSQL's text and jsonb reject U+0000 and unpaired surrogates, and a rejection inside a write
 * would surface as a 5xx. Refuse such values up front with a 400 naming the path: the event store
 * checks every event, and the HTTP layer checks every request body and query before a handler runs.
 */
export function assertStorableJson(value: unknown, path = '$', depth = 0): void {
  if (depth > MAX_DEPTH) throw new ValidationError('提交的内容嵌套层数太多', { path });
  if (typeof value === 'string') {
    if (value.includes('\u0000') || LONE_SURROGATE.test(value)) {
      throw new ValidationError('文字中含有无法保存的字符', { path });
    }
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError('数字须为有限值', { path });
    return;
  }
  if (value === null || typeof value === 'boolean') return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertStorableJson(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000') || LONE_SURROGATE.test(key)) {
        throw new ValidationError('字段名中含有无法保存的字符', { path });
      }
      if (item !== undefined) assertStorableJson(item, `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw new ValidationError(`无法保存 ${typeof value} 类型的值`, { path });
}
