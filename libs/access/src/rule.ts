import { type Party, type Role } from '@yishi/domain';

/**
 * Who may do an action:
 * - `anyone`: no token needed; `user`: any signed-in user; `admin`: the platform admin;
 * - `member`: any role in the community the request is about; a `Role`: that role there;
 * - `{ role, party }`: that role, and only for the given party, or for the party the resource names
 *   (`lead-party` of a case, `assignee-party` of a task), resolved by the guard;
 * - `secretary-anywhere`: a secretary of any community (creating accounts, which belong to no
 *   community until a membership is made).
 */
export type Grant =
  | 'anyone'
  | 'user'
  | 'admin'
  | 'member'
  | 'secretary-anywhere'
  | Role
  | { readonly role: Role; readonly party: Party | 'lead-party' | 'assignee-party' };

export interface Rule {
  readonly allow: readonly Grant[];
  /** `community`: the request is about one community, found from the route (see the guard). */
  readonly scope: 'none' | 'community';
  readonly summary: string;
}
