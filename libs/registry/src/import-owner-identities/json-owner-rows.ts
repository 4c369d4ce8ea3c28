import { ValidationError } from '@yishi/domain';
import { type OwnerIdentityRow } from '../bindings/owner-identity-rows';

/** `{owners: [...]}` → rows; anything else about the body is a 400. */
export function jsonOwnerRows(body: unknown): OwnerIdentityRow[] {
  const owners = (body as { owners?: unknown } | null)?.owners;
  if (typeof body !== 'object' || body === null || !Array.isArray(owners))
    throw new ValidationError('提交的内容须为 {owners: [...]} 形式', {
      fields: [{ field: 'owners', problems: ['must be an array'] }],
    });
  return owners.map((o, i) => ({
    row: i + 1,
    values: typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : {},
  }));
}
