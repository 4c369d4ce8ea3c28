/**
 * An estate's property company (物业服务企业): the name the secretary records for it, or null when
 * none is registered. The demands ledger's yardsticks group the estates' figures by it
 * (docs/demands.md, "The yardsticks"); the place tree lists it with each estate.
 */
import { type Pool, type PoolClient, type QueryResultRow } from 'pg';
import { NotFoundError, ValidationError } from '@yishi/domain';
import { inTransaction } from '@yishi/database';
import { recordAudit } from './audit';

/** Longest property company name, in characters (NFC, trimmed). */
export const PROPERTY_COMPANY_MAX_LENGTH = 60;

/** What a property company name must be, as a 400 says it. */
export const PROPERTY_COMPANY_RULE = `物业服务企业名称须为 1 到 ${PROPERTY_COMPANY_MAX_LENGTH} 个字（首尾空格不计）；没有登记物业请填 null`;

export interface EstateView {
  readonly id: string;
  readonly name: string;
  readonly propertyCompany: string | null;
}

/** Anything that answers a query: a pool, a client, the event store's queryable. */
interface Reader {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * Records (or, with null, clears) the property company of an estate of the community, in one
 * transaction (`db`'s, when given) with its audit row (`estate.property-company-set`, before and after). 404 when the
 * community has no such estate. Naming the company it already has changes nothing and writes no
 * audit row.
 */
export async function setPropertyCompany(
  pool: Pool,
  actorId: string | null,
  communityId: string,
  estateId: string,
  name: string | null,
  db?: PoolClient,
): Promise<EstateView> {
  // Counted as PostgreSQL counts (code points): class-validator's length leaves out variation
  // selectors, so a name it passes could break the column's check.
  if (
    name !== null &&
    (name.trim() !== name || [...name].length < 1 || [...name].length > PROPERTY_COMPANY_MAX_LENGTH)
  )
    throw new ValidationError(PROPERTY_COMPANY_RULE, {
      fields: [{ field: 'name', problems: [PROPERTY_COMPANY_RULE] }],
    });
  const work = async (client: PoolClient): Promise<EstateView> => {
    const before = await lockEstate(client, communityId, estateId);
    if (before.propertyCompany === name) return before;
    await client.query(`UPDATE estates SET property_company = $2 WHERE id = $1`, [estateId, name]);
    await recordAudit(client, {
      communityId,
      actorId,
      action: 'estate.property-company-set',
      entity: 'estate',
      entityId: estateId,
      data: { estate: before.name, before: before.propertyCompany, after: name },
    });
    return { ...before, propertyCompany: name };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

async function lockEstate(
  db: PoolClient,
  communityId: string,
  estateId: string,
): Promise<EstateView> {
  const { rows } = await db.query<EstateRow>(
    `SELECT id, name, property_company FROM estates
      WHERE id = $1 AND community_id = $2 FOR NO KEY UPDATE`,
    [estateId, communityId],
  );
  const row = rows[0];
  if (row === undefined) throw new NotFoundError('找不到该小区，可能链接有误', { estateId });
  return toView(row);
}

/** The community's estates with their property companies, by name. */
export async function listEstates(db: Reader, communityId: string): Promise<EstateView[]> {
  const { rows } = await db.query<EstateRow>(
    `SELECT id, name, property_company FROM estates WHERE community_id = $1 ORDER BY name`,
    [communityId],
  );
  return rows.map(toView);
}

interface EstateRow {
  id: string;
  name: string;
  property_company: string | null;
}

const toView = (r: EstateRow): EstateView => ({
  id: r.id,
  name: r.name,
  propertyCompany: r.property_company,
});
