/** The five parties of a deliberation hall (五方), in the order the API lists them. */
export const PARTIES = [
  'party-organisation',
  'owners-committee',
  'property-company',
  'resident-representatives',
  'partner-units',
] as const;
export type Party = (typeof PARTIES)[number];

/** Roles a user holds in one community (http-api.md, "Auth and registry"). */
export const ROLES = [
  'secretary',
  'party-member',
  'resident',
  'grid-worker',
  'building-lead',
  'street-officer',
  'unit-lead',
  'neighbour-lead',
  'case-worker',
  // 矛盾调解: a member who mediates disputes between households (人民调解员); the secretary may too.
  'mediator',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * A department of a street (街道): a working one (城管, 住建 …) or the street's own office (街道办,
 * made with the street; its members are the street's officers).
 */
export const DEPARTMENT_KINDS = ['department', 'street-office'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

/** A member's role in a department: the dispatcher also passes whistles on (流转). */
export const DEPARTMENT_ROLES = ['dispatcher', 'staff'] as const;
export type DepartmentRole = (typeof DEPARTMENT_ROLES)[number];

/** The leads of a set of units (三长制 besides the building lead): 单元长 and 邻长. */
export const UNIT_LEAD_ROLES = ['unit-lead', 'neighbour-lead'] as const satisfies readonly Role[];

/** How a resident lives in their units; only owners are in an owners' electorate. */
export const OCCUPANCIES = ['owner', 'tenant'] as const;
export type Occupancy = (typeof OCCUPANCIES)[number];

export function isParty(value: unknown): value is Party {
  return (PARTIES as readonly unknown[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/**
 * Whether a member scoped to `estates` (a membership's `estates`; empty: the whole community)
 * covers a case whose scope lies in `estate`: a party member so scoped is told of, and
 * acknowledges, only the cases of their estates.
 */
export function coversEstate(estates: readonly string[], estate: string): boolean {
  return estates.length === 0 || estates.includes(estate);
}

export function isDepartmentRole(value: unknown): value is DepartmentRole {
  return (DEPARTMENT_ROLES as readonly unknown[]).includes(value);
}

export function isOccupancy(value: unknown): value is Occupancy {
  return (OCCUPANCIES as readonly unknown[]).includes(value);
}
