import { type Pool, type PoolClient } from 'pg';
import { ForbiddenError, NotFoundError, ValidationError } from '@yishi/domain';

export const MAX_REASON = 500;

/** The fields these refusals name, as people call them. */
const FIELD_TEXT: Readonly<Record<string, string>> = { reason: '理由', owners: '业主名单' };

export function invalid(field: string, problem: string): ValidationError {
  return new ValidationError(`${FIELD_TEXT[field] ?? field}填写有误（${problem}）`, {
    fields: [{ field, problems: [problem] }],
  });
}

/** Whether the account is registered in the community as a tenant (租户), never an owner. */
export async function isTenant(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM memberships
      WHERE community_id = $1 AND user_id = $2 AND 'resident' = ANY (roles) AND occupancy = 'tenant'`,
    [communityId, userId],
  );
  return (rowCount ?? 0) > 0;
}

/** A tenant asking to be bound as an owner (by the numbers or the secretary's review): 403. */
export async function refuseTenant(
  db: Pool | PoolClient,
  communityId: string,
  userId: string,
  unitId: string,
): Promise<void> {
  if (await isTenant(db, communityId, userId))
    throw new ForbiddenError(
      '您在本社区登记为租户，不能以业主身份绑定房屋；如您是业主，请联系社区书记更正登记',
      { unitId, occupancy: 'tenant' },
    );
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
