import { randomUUID } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { AlreadyExistsError } from '@yishi/domain';
import { uniqueViolation } from '@yishi/database';

/** A user as the API shows it: never the password hash. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly phone: string | null;
  readonly admin: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  is_admin: boolean;
}

const COLUMNS = 'id, username, display_name, phone, is_admin';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    phone: row.phone,
    admin: row.is_admin,
  };
}

export async function insertUser(
  db: Pool | PoolClient,
  user: {
    username: string;
    displayName: string;
    phone?: string | undefined;
    passwordHash: string;
    admin?: boolean;
  },
): Promise<User> {
  try {
    const { rows } = await db.query<UserRow>(
      `INSERT INTO users (id, username, display_name, phone, password_hash, is_admin)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        user.username,
        user.displayName,
        user.phone ?? null,
        user.passwordHash,
        user.admin ?? false,
      ],
    );
    return toUser(rows[0] as UserRow);
  } catch (error) {
    if (uniqueViolation(error) === 'users_username_key')
      throw new AlreadyExistsError('This username is taken', { field: 'username' });
    throw error;
  }
}

export async function findUserById(db: Pool | PoolClient, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

/** The user and their password hash, for the login check only. */
export async function findCredentials(
  db: Pool | PoolClient,
  username: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const { rows } = await db.query<UserRow & { password_hash: string }>(
    `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(username) = lower($1)`,
    [username],
  );
  const row = rows[0];
  return row === undefined ? undefined : { user: toUser(row), passwordHash: row.password_hash };
}
