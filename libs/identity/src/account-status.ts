import { ForbiddenError, NotFoundError } from '@yishi/domain';
import { type UserStatusResponse } from './identity.dto';
import { type ManagedAccount, type UserRepository } from './user.repository';

/**
 * Disables or enables an account, if the caller may: the admin any account but an admin's; a
 * secretary, the accounts of members of a community where they are secretary; nobody their own.
 * Shared by the disable-user and enable-user handlers.
 */
export async function setAccountDisabled(
  users: UserRepository,
  caller: { readonly id: string; readonly admin: boolean },
  userId: string,
  disabled: boolean,
): Promise<UserStatusResponse> {
  const check = (account: ManagedAccount | undefined): ManagedAccount => {
    if (account === undefined) throw new NotFoundError('找不到该用户', { userId });
    if (account.id === caller.id) throw new ForbiddenError('不能停用或启用自己的账号', { userId });
    if (account.admin) throw new ForbiddenError('不能停用或启用平台管理员的账号', { userId });
    if (!caller.admin && !account.managed)
      throw new ForbiddenError('只能停用或启用您担任书记的社区成员的账号', { userId });
    return account;
  };
  const { id, username, displayName } = await users.setDisabled(userId, caller.id, disabled, check);
  return { id, username, displayName, disabled };
}
