import { Inject, Injectable } from '@nestjs/common';
import { type Pool, type PoolClient } from 'pg';
import { inTransaction } from '@yishi/database';
import { PG_POOL } from '@yishi/platform';
import { recordAudit } from '@yishi/registry';
import {
  endTokens,
  findCredentials,
  findCredentialsById,
  insertUser,
  setDisabled,
  setPasswordHash,
  type Credentials,
  type User,
} from './users';

/** An account as an admin or a secretary sees it when disabling or enabling it. */
export interface ManagedAccount {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly admin: boolean;
  /** Whether `managerId` is a secretary of a community the account is a member of. */
  readonly managed: boolean;
}

/** The audit entry of an account change, written in the change's own transaction. */
export interface AccountAudit {
  readonly actorId: string;
  readonly action: string;
  readonly data: Record<string, unknown>;
}

/** The accounts (the `users` table): the only place of identity that writes them. */
@Injectable()
export class UserRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  credentials(username: string): Promise<Credentials | undefined> {
    return findCredentials(this.pool, username);
  }

  credentialsById(id: string): Promise<Credentials | undefined> {
    return findCredentialsById(this.pool, id);
  }

  /** Ends every token of the user (logout). */
  async endTokens(id: string): Promise<void> {
    await endTokens(this.pool, id);
  }

  /** Sets the new password hash, ending every token; the new token version, undefined if gone. */
  changePassword(
    id: string,
    passwordHash: string,
    audit: AccountAudit,
  ): Promise<number | undefined> {
    return inTransaction(this.pool, async (db) => {
      const version = await setPasswordHash(db, id, passwordHash);
      if (version !== undefined) await this.audit(db, id, audit);
      return version;
    });
  }

  create(
    user: {
      username: string;
      displayName: string;
      phone?: string | undefined;
      passwordHash: string;
    },
    actorId: string,
  ): Promise<User> {
    return inTransaction(this.pool, async (db) => {
      const created = await insertUser(db, user);
      await this.audit(db, created.id, {
        actorId,
        action: 'user.created',
        data: { username: created.username, displayName: created.displayName },
      });
      return created;
    });
  }

  /**
   * In one transaction: loads the account as `managerId` sees it, lets `check` refuse, and sets
   * its disabled state (with an audit entry when it changed).
   */
  setDisabled(
    userId: string,
    managerId: string,
    disabled: boolean,
    check: (account: ManagedAccount | undefined) => ManagedAccount,
  ): Promise<ManagedAccount> {
    return inTransaction(this.pool, async (db) => {
      const account = check(await this.managedAccount(db, userId, managerId));
      const changed = await setDisabled(db, userId, disabled);
      if (changed === true)
        await this.audit(db, userId, {
          actorId: managerId,
          action: disabled ? 'user.disabled' : 'user.enabled',
          data: { username: account.username },
        });
      return account;
    });
  }

  private async managedAccount(
    db: PoolClient,
    userId: string,
    managerId: string,
  ): Promise<ManagedAccount | undefined> {
    const { rows } = await db.query<{
      id: string;
      username: string;
      display_name: string;
      is_admin: boolean;
      managed: boolean;
    }>(
      `SELECT u.id, u.username, u.display_name, u.is_admin,
              EXISTS (SELECT 1 FROM memberships s JOIN memberships m USING (community_id)
                       WHERE s.user_id = $2 AND 'secretary' = ANY (s.roles)
                         AND m.user_id = u.id) AS managed
         FROM users u WHERE u.id = $1`,
      [userId, managerId],
    );
    const row = rows[0];
    return row === undefined
      ? undefined
      : {
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          admin: row.is_admin,
          managed: row.managed,
        };
  }

  private audit(db: PoolClient, userId: string, entry: AccountAudit): Promise<void> {
    return recordAudit(db, {
      communityId: null,
      actorId: entry.actorId,
      action: entry.action,
      entity: 'user',
      entityId: userId,
      data: entry.data,
    });
  }
}
