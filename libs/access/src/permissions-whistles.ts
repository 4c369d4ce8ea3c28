import { type Rule } from './rule';

/**
 * The whistles' part of the permission table (PERMISSIONS spreads it in; docs/whistles.md). On a
 * whistle (scope `whistle`) the community's secretary rates and withdraws, the departments it is
 * with now act on their tracks (a department that passed it on no longer does), and the street's
 * officers read it. The street's officers read its figures; a district's are the admin's (a
 * district is a name on streets, with no officers of its own).
 */
export const WHISTLE_PERMISSIONS = {
  'whistles.issue': {
    allow: ['secretary'],
    scope: 'community',
    summary: "issue a whistle (吹哨, 录入) to departments of the community's street",
  },
  'whistles.list-community': {
    allow: ['admin', 'secretary', 'street-officer'],
    scope: 'community',
    summary: "the community's whistles",
  },
  'whistles.list-department': {
    allow: ['admin', 'street-officer-here', 'department-member'],
    scope: 'department',
    summary: "a department's whistles: new ones first, then by deadline",
  },
  'whistles.list-street': {
    allow: ['admin', 'street-officer-here'],
    scope: 'street',
    summary: "every community's open whistles in the street",
  },
  'whistles.read': {
    allow: ['admin', 'secretary', 'street-officer-here', 'department-member'],
    scope: 'whistle',
    summary: 'a whistle with its tracks and timeline',
  },
  'whistles.upload': {
    allow: ['department-member'],
    scope: 'whistle',
    summary: 'upload a photo (JPEG, PNG, WebP) for a check-in or an answer to a whistle',
  },
  'whistles.accept': {
    allow: ['department-member'],
    scope: 'whistle',
    summary: 'accept a whistle for my department (签收)',
  },
  'whistles.transfer': {
    allow: ['department-dispatcher'],
    scope: 'whistle',
    summary: "pass my department's track on to another department of the street (流转)",
  },
  'whistles.check-in': {
    allow: ['department-member'],
    scope: 'whistle',
    summary: 'report on site for my department (报到), with a note and photos',
  },
  'whistles.feedback': {
    allow: ['department-member'],
    scope: 'whistle',
    summary: 'answer a whistle for my department (反馈)',
  },
  'whistles.rate': {
    allow: ['secretary'],
    scope: 'whistle',
    summary: "rate a department's answer (评价, 一哨一评)",
  },
  'whistles.withdraw': {
    allow: ['secretary'],
    scope: 'whistle',
    summary: 'withdraw a whistle no department has answered (撤回)',
  },
  'streets.stats': {
    allow: ['admin', 'street-officer-here'],
    scope: 'street',
    summary:
      "a street's figures: its departments' whistles ranked and by month, its communities' yardsticks (and CSV)",
  },
  'districts.stats': {
    allow: ['admin'],
    scope: 'none',
    summary: "a district's figures per street (a district is a name on streets: the admin's)",
  },
} as const satisfies Record<string, Rule>;
