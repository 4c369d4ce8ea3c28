import { type Rule } from './rule';

/**
 * The streets' part of the permission table (PERMISSIONS spreads it in): streets above
 * communities, their departments and members, and the street's officers (docs/whistles.md).
 */
export const STREET_PERMISSIONS = {
  'streets.create': {
    allow: ['admin'],
    scope: 'none',
    summary: 'create a street (街道) with its office (街道办)',
  },
  'streets.list': {
    allow: ['user'],
    scope: 'none',
    summary: 'the streets I am an officer of (all, for the admin)',
  },
  'streets.read': {
    allow: ['admin', 'street-member'],
    scope: 'street',
    summary: 'a street with its communities and departments',
  },
  'streets.add-officer': {
    allow: ['admin'],
    scope: 'street',
    summary: "make a user one of the street's officers (a member of its office)",
  },
  'streets.remove-officer': {
    allow: ['admin'],
    scope: 'street',
    summary: "remove one of the street's officers",
  },
  'departments.create': {
    allow: ['admin', 'street-officer-here'],
    scope: 'street',
    summary: 'create a department of the street (城管, 住建, 派出所 …)',
  },
  'departments.list': {
    allow: ['admin', 'street-member'],
    scope: 'street',
    summary: "a street's departments",
  },
  'departments.of-community': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "the departments of the community's street (to choose whom to whistle)",
  },
  'department-members.add': {
    allow: ['admin', 'street-officer-here'],
    scope: 'department',
    summary: 'add a member to a department, as dispatcher or staff',
  },
  'department-members.list': {
    allow: ['admin', 'street-officer-here', 'department-member'],
    scope: 'department',
    summary: "a department's members",
  },
  'department-members.remove': {
    allow: ['admin', 'street-officer-here'],
    scope: 'department',
    summary: 'remove a member from a department',
  },
} as const satisfies Record<string, Rule>;
