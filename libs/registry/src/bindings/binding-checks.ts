import { type Pool, type PoolClient } from 'pg';
import { NotFoundError, ValidationError } from '@yishi/domain';

export const MAX_REASON = 500;

/** The fields these refusals name, as people call them. */
const FIELD_TEXT: Readonly<Record<string, string>> = { reason: '理由', owners: '业主名单' };

export function invalid(field: string, problem: string): ValidationError {
  return new ValidationError(`${FIELD_TEXT[field] ?? field}填写有误（${problem}）`, {
    fields: [{ field, problems: [problem] }],
  });
}

export async function unitCommunity(
  db: Pool | PoolClient,
  unitId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ community_id: string }>(
    `SELECT community_id FROM units WHERE id = $1`,
    [unitId],
  );
  return rows[0]?.community_id;
}

export async function unitOf(
  db: Pool | PoolClient,
  communityId: string,
  unitId: string,
): Promise<void> {
  if ((await unitCommunity(db, unitId)) !== communityId)
    throw new NotFoundError('找不到该房屋', { unitId });
}
