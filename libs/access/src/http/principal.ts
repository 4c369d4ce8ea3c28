import { type Party, type Role } from '@yishi/domain';

/*
 * Who a request is from, as the guard reads them. Declared here rather than imported from
 * libs/identity (User) and libs/registry (Membership), which sit above this lib; theirs have this
 * shape, so either passes for the other.
 */

export interface CallerUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly phone: string | null;
  readonly admin: boolean;
}

/** The caller's membership of the community a request is about. */
export interface CallerMembership {
  readonly communityId: string;
  readonly userId: string;
  readonly roles: Role[];
  readonly party: Party | null;
  readonly unitIds: string[];
  /** The estates a member is scoped to (小区, by name); empty: the whole community. */
  readonly estates?: readonly string[];
}
