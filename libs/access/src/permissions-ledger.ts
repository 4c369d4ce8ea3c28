import { type Rule } from './rule';

/**
 * The demands ledger's part of the permission table (PERMISSIONS spreads it in): photos, the
 * ledger's steps, and Open311 with its keys.
 */
export const LEDGER_PERMISSIONS = {
  'uploads.create': {
    allow: ['member'],
    scope: 'community',
    summary: 'upload a photo (JPEG, PNG, WebP) for a demand or its resolution',
  },
  'uploads.read': {
    allow: ['member'],
    scope: 'community',
    summary: "a photo: its uploader's, or one of a demand the caller may read (else 404)",
  },
  'demands.submit': {
    allow: [
      'resident',
      'grid-worker',
      'building-lead',
      'unit-lead',
      'neighbour-lead',
      'party-member',
      'secretary',
    ],
    scope: 'community',
    summary: 'submit a demand to the ledger (诉求台账); a resident for their own units',
  },
  'demands.list': {
    allow: ['member'],
    scope: 'community',
    summary: 'the demands ledger, JSON or CSV (residents: their own; workers, leads: theirs)',
  },
  'demands.read': {
    allow: ['member'],
    scope: 'community',
    summary: 'a demand with its timeline (one the caller may not see is not found)',
  },
  'demands.accept': {
    allow: ['grid-worker', 'secretary'],
    scope: 'community',
    summary: "accept a demand (签收): its grid's workers, the secretary",
  },
  'demands.assign': {
    allow: ['grid-worker', 'secretary'],
    scope: 'community',
    summary: "assign a demand (派单): its grid's workers, the secretary",
  },
  'demands.refuse': {
    allow: ['grid-worker'],
    scope: 'community',
    summary: "refuse a demand outside the grid's admission list (退回): its grid's workers",
  },
  'demands.resolve': {
    allow: ['member'],
    scope: 'community',
    summary: "report a demand resolved (办结): the assignee, its grid's workers, the secretary",
  },
  'demands.confirm': {
    allow: [
      'resident',
      'grid-worker',
      'building-lead',
      'unit-lead',
      'neighbour-lead',
      'party-member',
      'secretary',
    ],
    scope: 'community',
    summary: "confirm (评价) by the submitter, or its grid's worker on a return visit (回访)",
  },
  'demands.withdraw': {
    allow: [
      'resident',
      'grid-worker',
      'building-lead',
      'unit-lead',
      'neighbour-lead',
      'party-member',
      'secretary',
    ],
    scope: 'community',
    summary: 'withdraw a demand before it is resolved (撤回): its submitter',
  },
  'demands.merge': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'merge a duplicate demand into another open one (合并)',
  },
  'demands.escalate': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'escalate demands into a new or open case (转议事); the case closing closes them',
  },
  'demands.import': {
    allow: ['secretary'],
    scope: 'community',
    summary: "import the 12345 hotline's tickets (CSV or JSON), each one demand",
  },
  'open311.read': {
    allow: ['anyone'],
    scope: 'none',
    summary:
      'Open311 GeoReport v2 (/open311/v2): discovery, services, and the requests submitted through Open311, without personal fields',
  },
  'open311.submit': {
    allow: ['anyone'],
    scope: 'none',
    summary:
      "Open311 GeoReport v2: submit a request (form-encoded) with an api_key the community's secretary issued",
  },
  'open311-keys.issue': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'issue an Open311 api_key (shown once; only its hash is kept)',
  },
  'open311-keys.list': {
    allow: ['secretary'],
    scope: 'community',
    summary: "the community's Open311 api_keys, revoked ones too (never the keys)",
  },
  'open311-keys.revoke': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'revoke an Open311 api_key: requests with it are refused from then on',
  },
} as const satisfies Record<string, Rule>;
