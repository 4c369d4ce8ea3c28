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

/**
 * A username as stored and compared: NFKC (full-width ｓｅｃＢ is secB, a ligature its letters), so
 * two names that look alike are one name. The unique index compares the same form, ignoring case.
 */
export function normaliseUsername(username: string): string {
  return username.normalize('NFKC').trim();
}

/** The SQL form of a username the unique index `users_username_key` compares. */
const USERNAME_KEY = 'lower(normalize(username, NFKC))';

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
        normaliseUsername(user.username),
        user.displayName,
        user.phone ?? null,
        user.passwordHash,
        user.admin ?? false,
      ],
    );
    return toUser(rows[0] as UserRow);
  } catch (error) {
    if (uniqueViolation(error) === 'users_username_key')
      throw new AlreadyExistsError('该用户名已被使用，请换一个', { field: 'username' });
    throw error;
  }
}

export async function findUserById(db: Pool | PoolClient, id: string): Promise<User | undefined> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] === undefined ? undefined : toUser(rows[0]);
}

/** What the login and the password change check: never shown to anyone. */
export interface Credentials {
  readonly user: User;
  readonly passwordHash: string;
  /** Tokens carry it; raising it ends them (see AccessClaims.ver). */
  readonly tokenVersion: number;
  readonly disabled: boolean;
}

interface CredentialsRow extends UserRow {
  password_hash: string;
  token_version: number;
  disabled: boolean;
}

const CREDENTIALS = `${COLUMNS}, password_hash, token_version, disabled_at IS NOT NULL AS disabled`;

function toCredentials(row: CredentialsRow): Credentials {
  return {
    user: toUser(row),
    passwordHash: row.password_hash,
    tokenVersion: row.token_version,
    disabled: row.disabled,
  };
}

/** The user and their password hash, by username (its NFKC form, any case), for the login. */
export async function findCredentials(
  db: Pool | PoolClient,
  username: string,
): Promise<Credentials | undefined> {
  const { rows } = await db.query<CredentialsRow>(
    `SELECT ${CREDENTIALS} FROM users WHERE ${USERNAME_KEY} = lower(normalize($1, NFKC))`,
    [username],
  );
  return rows[0] === undefined ? undefined : toCredentials(rows[0]);
}

/** The same by id, for the password change. */
export async function findCredentialsById(
  db: Pool | PoolClient,
  id: string,
): Promise<Credentials | undefined> {
  const { rows } = await db.query<CredentialsRow>(
    `SELECT ${CREDENTIALS} FROM users WHERE id = $1`,
    [id],
  );
  return rows[0] === undefined ? undefined : toCredentials(rows[0]);
}

/** Ends every token of the user issued so far (logout); the new version, undefined if no such user. */
export async function endTokens(db: Pool | PoolClient, id: string): Promise<number | undefined> {
  const { rows } = await db.query<{ token_version: number }>(
    `UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version`,
    [id],
  );
  return rows[0]?.token_version;
}

/** Sets a new password hash and ends every token issued with the old password. */
export async function setPasswordHash(
  db: Pool | PoolClient,
  id: string,
  passwordHash: string,
): Promise<number | undefined> {
  const { rows } = await db.query<{ token_version: number }>(
    `UPDATE users SET password_hash = $2, token_version = token_version + 1
      WHERE id = $1 RETURNING token_version`,
    [id, passwordHash],
  );
  return rows[0]?.token_version;
}

/**
 * Disables the account (no login, and every token it holds ends) or enables it again (its old
 * tokens stay ended). Whether anything changed, undefined if no such user.
 */
export async function setDisabled(
  db: Pool | PoolClient,
  id: string,
  disabled: boolean,
): Promise<boolean | undefined> {
  const { rows } = await db.query<{ changed: boolean }>(
    `WITH before AS (SELECT disabled_at IS NOT NULL AS was FROM users WHERE id = $1 FOR UPDATE)
     UPDATE users SET
       disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END,
       token_version = token_version + CASE WHEN $2 THEN 1 ELSE 0 END
      WHERE id = $1
     RETURNING (SELECT was FROM before) <> $2 AS changed`,
    [id, disabled],
  );
  return rows[0]?.changed;
}
