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
] as const;
export type Role = (typeof ROLES)[number];

export function isParty(value: unknown): value is Party {
  return (PARTIES as readonly unknown[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}
