import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import {
  AlreadyExistsError,
  NotFoundError,
  ValidationError,
  type DepartmentKind,
  type DepartmentRole,
} from '@yishi/domain';
import { inTransaction, uniqueViolation } from '@yishi/database';
import { recordAudit } from './audit';

/*
 * Streets (街道) above communities, their departments and who works in them (docs/whistles.md,
 * "The registry"). A street is made with its office (街道办, kind `street-office`): the office's
 * members are the street's officers. Every change is one transaction with its audit row (no
 * community: `audit_log.community_id` is null, the street is in `data`).
 */

/** The name of the office every street is made with. */
export const STREET_OFFICE_NAME = '街道办';

export interface StreetRef {
  readonly id: string;
  readonly name: string;
  readonly district: string | null;
  /** The street's office (街道办): its members are the street's officers. */
  readonly officeDepartmentId: string;
  readonly createdAt: string;
}

export interface DepartmentView {
  readonly id: string;
  readonly streetId: string;
  readonly name: string;
  readonly kind: DepartmentKind;
  readonly members: number;
}

export interface StreetView extends StreetRef {
  readonly communities: { readonly id: string; readonly name: string }[];
  readonly departments: DepartmentView[];
}

export interface DepartmentMemberView {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: DepartmentRole;
  readonly addedAt: string;
}

export interface StreetInput {
  readonly name: string;
  readonly district?: string | undefined;
}

interface StreetRow {
  id: string;
  name: string;
  district: string | null;
  office_id: string;
  created_at: Date;
}

const STREET_COLUMNS = `s.id, s.name, s.district, s.created_at,
  (SELECT d.id FROM departments d WHERE d.street_id = s.id AND d.kind = 'street-office') AS office_id`;

const toStreet = (r: StreetRow): StreetRef => ({
  id: r.id,
  name: r.name,
  district: r.district,
  officeDepartmentId: r.office_id,
  createdAt: r.created_at.toISOString(),
});

/** The street's office, and the audit row of a street just inserted. */
async function afterStreetInserted(
  db: PoolClient,
  actorId: string | null,
  street: { id: string; name: string; district: string | null },
): Promise<string> {
  const officeId = randomUUID();
  await db.query(
    `INSERT INTO departments (id, street_id, name, kind) VALUES ($1, $2, $3, 'street-office')`,
    [officeId, street.id, STREET_OFFICE_NAME],
  );
  await recordAudit(db, {
    communityId: null,
    actorId,
    action: 'street.created',
    entity: 'street',
    entityId: street.id,
    data: { name: street.name, district: street.district, officeDepartmentId: officeId },
  });
  return officeId;
}

/** A new street with its office; 409 for a name its district has already. */
export async function createStreet(
  pool: Pool,
  actorId: string | null,
  streetId: string,
  input: StreetInput,
  db?: PoolClient,
): Promise<StreetRef> {
  const work = async (client: PoolClient) => {
    const district = input.district ?? null;
    let row: StreetRow;
    try {
      const { rows } = await client.query<StreetRow>(
        `INSERT INTO streets (id, name, district) VALUES ($1, $2, $3)
         RETURNING id, name, district, created_at, NULL::uuid AS office_id`,
        [streetId, input.name, district],
      );
      row = rows[0] as StreetRow;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'streets_name_key' || constraint === 'streets_pkey')
        throw new AlreadyExistsError(
          district === null ? '已有同名的街道' : `${district}已有同名的街道`,
          { field: 'name' },
        );
      throw error;
    }
    const officeId = await afterStreetInserted(client, actorId, row);
    return toStreet({ ...row, office_id: officeId });
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

/**
 * The street of that name in that district, made (with its office) if there is none: a community
 * registered with a street's name alone is linked to it, as the migration linked the old ones.
 */
export async function ensureStreet(
  db: PoolClient,
  actorId: string | null,
  name: string,
  district: string | null,
): Promise<{ id: string; name: string; district: string | null }> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO streets (id, name, district) VALUES ($1, $2, $3)
     ON CONFLICT (name, coalesce(district, '')) DO NOTHING RETURNING id`,
    [randomUUID(), name, district],
  );
  const made = rows[0];
  if (made !== undefined) {
    await afterStreetInserted(db, actorId, { id: made.id, name, district });
    return { id: made.id, name, district };
  }
  const found = await db.query<{ id: string; name: string; district: string | null }>(
    `SELECT id, name, district FROM streets
      WHERE name = $1 AND coalesce(district, '') = coalesce($2, '')`,
    [name, district],
  );
  return found.rows[0]!;
}

export async function findStreet(db: Pool | PoolClient, streetId: string): Promise<StreetRef> {
  const { rows } = await db.query<StreetRow>(
    `SELECT ${STREET_COLUMNS} FROM streets s WHERE s.id = $1`,
    [streetId],
  );
  if (rows[0] === undefined) throw new NotFoundError('找不到该街道', { streetId });
  return toStreet(rows[0]);
}

/** Every street for the admin; otherwise those the user is an officer of. */
export async function listStreets(
  db: Pool,
  user: { id: string; admin: boolean },
): Promise<StreetRef[]> {
  const { rows } = user.admin
    ? await db.query<StreetRow>(
        `SELECT ${STREET_COLUMNS} FROM streets s ORDER BY s.district NULLS LAST, s.name, s.id`,
      )
    : await db.query<StreetRow>(
        `SELECT ${STREET_COLUMNS} FROM streets s
          WHERE EXISTS (SELECT 1 FROM departments d
                          JOIN department_members dm ON dm.department_id = d.id
                         WHERE d.street_id = s.id AND d.kind = 'street-office' AND dm.user_id = $1)
          ORDER BY s.district NULLS LAST, s.name, s.id`,
        [user.id],
      );
  return rows.map(toStreet);
}

/** A street's departments, its office first, then in the order they were made. */
export async function listDepartments(
  db: Pool | PoolClient,
  streetId: string,
): Promise<DepartmentView[]> {
  const { rows } = await db.query<{
    id: string;
    street_id: string;
    name: string;
    kind: DepartmentKind;
    members: number;
  }>(
    `SELECT d.id, d.street_id, d.name, d.kind,
            (SELECT count(*)::int FROM department_members dm WHERE dm.department_id = d.id) AS members
       FROM departments d WHERE d.street_id = $1
      ORDER BY d.kind = 'street-office' DESC, d.created_at, d.name`,
    [streetId],
  );
  return rows.map((r) => ({
    id: r.id,
    streetId: r.street_id,
    name: r.name,
    kind: r.kind,
    members: r.members,
  }));
}

/** A street with its communities and departments. */
export async function readStreet(db: Pool, streetId: string): Promise<StreetView> {
  const street = await findStreet(db, streetId);
  const { rows: communities } = await db.query<{ id: string; name: string }>(
    `SELECT id, name FROM communities WHERE street_id = $1 ORDER BY created_at, id`,
    [streetId],
  );
  return { ...street, communities, departments: await listDepartments(db, streetId) };
}

/** The street of a community (null when it has none) and that street's departments. */
export async function communityDepartments(
  db: Pool,
  communityId: string,
): Promise<{ street: StreetRef | null; items: DepartmentView[] }> {
  const { rows } = await db.query<{ street_id: string | null }>(
    `SELECT street_id FROM communities WHERE id = $1`,
    [communityId],
  );
  const streetId = rows[0]?.street_id ?? null;
  if (streetId === null) return { street: null, items: [] };
  return { street: await findStreet(db, streetId), items: await listDepartments(db, streetId) };
}

/** A user's place in a department, as their account shows it (GET /me). */
export interface UserDepartment {
  readonly departmentId: string;
  readonly departmentName: string;
  readonly kind: DepartmentKind;
  readonly role: DepartmentRole;
  readonly streetId: string;
  readonly streetName: string;
}

/** The departments a user works in, of every street (a street's office first). */
export async function departmentsOf(db: Pool, userId: string): Promise<UserDepartment[]> {
  const { rows } = await db.query<{
    department_id: string;
    department_name: string;
    kind: DepartmentKind;
    role: DepartmentRole;
    street_id: string;
    street_name: string;
  }>(
    `SELECT d.id AS department_id, d.name AS department_name, d.kind, dm.role,
            s.id AS street_id, s.name AS street_name
       FROM department_members dm
       JOIN departments d ON d.id = dm.department_id
       JOIN streets s ON s.id = d.street_id
      WHERE dm.user_id = $1
      ORDER BY s.name, s.id, d.kind = 'street-office' DESC, d.created_at`,
    [userId],
  );
  return rows.map((r) => ({
    departmentId: r.department_id,
    departmentName: r.department_name,
    kind: r.kind,
    role: r.role,
    streetId: r.street_id,
    streetName: r.street_name,
  }));
}

/** The street of a department, for the guard's scope (undefined: no such department). */
export async function departmentStreet(
  db: Pool | PoolClient,
  departmentId: string,
): Promise<string | undefined> {
  const { rows } = await db.query<{ street_id: string }>(
    `SELECT street_id FROM departments WHERE id = $1`,
    [departmentId],
  );
  return rows[0]?.street_id;
}

/** A new department of the street; 409 for a name the street has already. */
export async function createDepartment(
  pool: Pool,
  actorId: string | null,
  streetId: string,
  departmentId: string,
  name: string,
  db?: PoolClient,
): Promise<DepartmentView> {
  const work = async (client: PoolClient): Promise<DepartmentView> => {
    try {
      await client.query(
        `INSERT INTO departments (id, street_id, name, kind) VALUES ($1, $2, $3, 'department')`,
        [departmentId, streetId, name],
      );
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'departments_name_key' || constraint === 'departments_pkey')
        throw new AlreadyExistsError(`本街道已有名为“${name}”的部门`, { field: 'name' });
      throw error;
    }
    await recordAudit(client, {
      communityId: null,
      actorId,
      action: 'department.created',
      entity: 'department',
      entityId: departmentId,
      data: { streetId, name },
    });
    return { id: departmentId, streetId, name, kind: 'department', members: 0 };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

/** The members of a department: dispatchers first, then by name. */
export async function listDepartmentMembers(
  db: Pool,
  departmentId: string,
): Promise<DepartmentMemberView[]> {
  const { rows } = await db.query<{
    user_id: string;
    username: string;
    display_name: string;
    role: DepartmentRole;
    created_at: Date;
  }>(
    `SELECT dm.user_id, u.username, u.display_name, dm.role, dm.created_at
       FROM department_members dm JOIN users u ON u.id = dm.user_id
      WHERE dm.department_id = $1
      ORDER BY dm.role = 'dispatcher' DESC, u.display_name, u.id`,
    [departmentId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    addedAt: r.created_at.toISOString(),
  }));
}

export interface DepartmentMemberInput {
  readonly userId: string;
  readonly role: DepartmentRole;
}

/** What an audit row of a department's membership says about the department. */
interface DepartmentFacts {
  readonly id: string;
  readonly streetId: string;
  readonly name: string;
  readonly kind: DepartmentKind;
}

async function departmentFacts(db: PoolClient, departmentId: string): Promise<DepartmentFacts> {
  const { rows } = await db.query<{
    id: string;
    street_id: string;
    name: string;
    kind: DepartmentKind;
  }>(`SELECT id, street_id, name, kind FROM departments WHERE id = $1`, [departmentId]);
  const r = rows[0];
  if (r === undefined) throw new NotFoundError('找不到该部门', { departmentId });
  return { id: r.id, streetId: r.street_id, name: r.name, kind: r.kind };
}

/**
 * The street office (街道办) over a community, with its street: where escalations go as whistles;
 * undefined when the community belongs to no street, or its street has no office.
 */
export async function streetOfficeOf(
  db: Pool | PoolClient,
  communityId: string,
): Promise<{ streetId: string; officeId: string } | undefined> {
  const { rows } = await db.query<{ street_id: string; office_id: string }>(
    `SELECT c.street_id, d.id AS office_id FROM communities c
       JOIN departments d ON d.street_id = c.street_id AND d.kind = 'street-office'
      WHERE c.id = $1`,
    [communityId],
  );
  const r = rows[0];
  return r === undefined ? undefined : { streetId: r.street_id, officeId: r.office_id };
}

async function officeOf(db: PoolClient, streetId: string): Promise<DepartmentFacts> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM departments WHERE street_id = $1 AND kind = 'street-office'`,
    [streetId],
  );
  if (rows[0] === undefined) throw new NotFoundError('找不到该街道', { streetId });
  return departmentFacts(db, rows[0].id);
}

async function insertMember(
  db: PoolClient,
  actorId: string | null,
  department: DepartmentFacts,
  input: DepartmentMemberInput,
  action: 'department-member.added' | 'street-officer.added',
): Promise<void> {
  const user = await db.query(`SELECT 1 FROM users WHERE id = $1`, [input.userId]);
  if (user.rowCount === 0)
    throw new ValidationError('找不到该用户', {
      fields: [{ field: 'userId', problems: ['找不到该用户'] }],
    });
  try {
    await db.query(
      `INSERT INTO department_members (department_id, user_id, role) VALUES ($1, $2, $3)`,
      [department.id, input.userId, input.role],
    );
  } catch (error) {
    if (uniqueViolation(error) === 'department_members_pkey')
      throw new AlreadyExistsError(
        department.kind === 'street-office'
          ? '该用户已是本街道的干部'
          : `该用户已是“${department.name}”的成员`,
        { field: 'userId' },
      );
    throw error;
  }
  await recordAudit(db, {
    communityId: null,
    actorId,
    action,
    entity: 'department-member',
    entityId: input.userId,
    data: {
      streetId: department.streetId,
      departmentId: department.id,
      department: department.name,
      role: input.role,
    },
  });
}

async function deleteMember(
  db: PoolClient,
  actorId: string,
  department: DepartmentFacts,
  userId: string,
  action: 'department-member.removed' | 'street-officer.removed',
): Promise<void> {
  const { rows } = await db.query<{ role: DepartmentRole }>(
    `DELETE FROM department_members WHERE department_id = $1 AND user_id = $2 RETURNING role`,
    [department.id, userId],
  );
  if (rows[0] === undefined)
    throw new NotFoundError(
      department.kind === 'street-office' ? '该用户不是本街道的干部' : '该用户不是本部门的成员',
      { userId },
    );
  await recordAudit(db, {
    communityId: null,
    actorId,
    action,
    entity: 'department-member',
    entityId: userId,
    data: {
      streetId: department.streetId,
      departmentId: department.id,
      department: department.name,
      role: rows[0].role,
    },
  });
}

/** Adds a member; 400 for an unknown user, 409 for one who is a member already. */
export async function addDepartmentMember(
  pool: Pool,
  actorId: string | null,
  departmentId: string,
  input: DepartmentMemberInput,
  db?: PoolClient,
): Promise<{ departmentId: string } & DepartmentMemberInput> {
  const work = async (client: PoolClient) => {
    const department = await departmentFacts(client, departmentId);
    await insertMember(client, actorId, department, input, 'department-member.added');
    return { departmentId, ...input };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

export async function removeDepartmentMember(
  pool: Pool,
  actorId: string,
  departmentId: string,
  userId: string,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const department = await departmentFacts(client, departmentId);
    await deleteMember(client, actorId, department, userId, 'department-member.removed');
  });
}

/** Makes a user an officer of the street: a dispatcher of its office. */
export async function addStreetOfficer(
  pool: Pool,
  actorId: string | null,
  streetId: string,
  userId: string,
  db?: PoolClient,
): Promise<{ streetId: string; userId: string; departmentId: string }> {
  const work = async (client: PoolClient) => {
    const office = await officeOf(client, streetId);
    await insertMember(
      client,
      actorId,
      office,
      { userId, role: 'dispatcher' },
      'street-officer.added',
    );
    return { streetId, userId, departmentId: office.id };
  };
  return db === undefined ? inTransaction(pool, work) : work(db);
}

export async function removeStreetOfficer(
  pool: Pool,
  actorId: string,
  streetId: string,
  userId: string,
): Promise<void> {
  await inTransaction(pool, async (client) => {
    const office = await officeOf(client, streetId);
    await deleteMember(client, actorId, office, userId, 'street-officer.removed');
  });
}

/**
 * The street a new community names: `streetId` (400 when there is no such street, or when the
 * body's `street` or `district` says otherwise), else the street of its `street` name and district
 * (made if there is none), else none.
 */
export async function streetOfNewCommunity(
  db: PoolClient,
  actorId: string | null,
  input: { street?: string | undefined; district?: string | undefined; streetId?: string },
): Promise<{ id: string; name: string; district: string | null } | null> {
  if (input.streetId === undefined)
    return input.street === undefined
      ? null
      : ensureStreet(db, actorId, input.street, input.district ?? null);
  const { rows } = await db.query<{ id: string; name: string; district: string | null }>(
    `SELECT id, name, district FROM streets WHERE id = $1`,
    [input.streetId],
  );
  const street = rows[0];
  const refuse = (field: string, message: string) =>
    new ValidationError(message, { fields: [{ field, problems: [message] }] });
  if (street === undefined) throw refuse('streetId', '找不到所选的街道');
  if (input.street !== undefined && input.street !== street.name)
    throw refuse('street', `街道名称与所选街道“${street.name}”不一致`);
  if (input.district !== undefined && input.district !== street.district)
    throw refuse(
      'district',
      street.district === null
        ? '所选街道未登记区县，请不要填写区县'
        : `区县与所选街道的区县“${street.district}”不一致`,
    );
  return street;
}
