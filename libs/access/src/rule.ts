import { type Party, type Role } from '@yishi/domain';

/**
 * Who may do an action:
 * - `anyone`: no token needed; `user`: any signed-in user; `admin`: the platform admin;
 * - `member`: any role in the community the request is about; a `Role`: that role there;
 * - `{ role, party }`: that role, and only for the given party, or for the party the resource names
 *   (`lead-party` of a case, `assignee-party` of a task), resolved by the guard;
 * - `case-handler`: the case's handler (经办人): a case worker (`case-worker`) of the case's community
 *   whom the secretary named for the case the request is about (read from the log by the guard);
 * - `secretary-anywhere`: a secretary of any community (creating accounts, which belong to no
 *   community until a membership is made);
 * - about the street a request is about (scopes `street`, `department`):
 *   `street-officer-here`: a member of that street's office (街道办);
 *   `street-member`: a member of any of its departments, the office included;
 *   `department-member`, `department-dispatcher`: a member, or a dispatcher, of a department the
 *   request is about (the route's department).
 */
export type Grant =
  | 'anyone'
  | 'user'
  | 'admin'
  | 'member'
  | 'secretary-anywhere'
  | 'case-handler'
  | 'street-officer-here'
  | 'street-member'
  | 'department-member'
  | 'department-dispatcher'
  | Role
  | { readonly role: Role; readonly party: Party | 'lead-party' | 'assignee-party' };

/**
 * What a request is about, found from the route by the guard (its resolvers, one per route param):
 * - `community`: one community (`:communityId`, or a resource of one: `:caseId`, `:gridId` …);
 * - `street`: one street (`:streetId`): the caller's departments there are looked up;
 * - `department`: one department (`:departmentId`), and so its street;
 * - `whistle`: one whistle (`:whistleId`): its community, its street and the departments it is
 *   with now, so the community's roles, the street's officers and those departments' people all
 *   have their grants on it.
 */
export type Scope = 'none' | 'community' | 'street' | 'department' | 'whistle';

/**
 * Which of the caller's places a scope needs the guard to find: their membership of a community,
 * and their departments in a street. A scope that names both (a whistle: its community, its street
 * and its departments) adds its row here, and every grant works on it as it is.
 */
export const SCOPE_NEEDS: Readonly<Record<Scope, { community: boolean; street: boolean }>> = {
  none: { community: false, street: false },
  community: { community: true, street: false },
  street: { community: false, street: true },
  department: { community: false, street: true },
  whistle: { community: true, street: true },
};

export interface Rule {
  readonly allow: readonly Grant[];
  readonly scope: Scope;
  readonly summary: string;
}
