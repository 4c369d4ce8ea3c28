import { LEDGER_PERMISSIONS } from './permissions-ledger';
import { STREET_PERMISSIONS } from './permissions-streets';
import { WHISTLE_PERMISSIONS } from './permissions-whistles';
import { type Rule } from './rule';

export type { Grant, Rule, Scope } from './rule';

/**
 * THE permission table: every route names one action here (`@Can(action)`), and one guard checks
 * it. `case-handler` (the case's handler, 经办人) has the secretary's actions on that one case, but
 * for opening and reopening cases and naming handlers. The permission-matrix test is generated from this table, and the API refuses to start if a
 * route has no action.
 */
export const PERMISSIONS = {
  'health.read': { allow: ['anyone'], scope: 'none', summary: 'service health' },
  'metrics.read': { allow: ['anyone'], scope: 'none', summary: 'Prometheus metrics' },
  'auth.token': { allow: ['anyone'], scope: 'none', summary: 'log in' },
  'auth.logout': {
    allow: ['user'],
    scope: 'none',
    summary: 'log out: end every token of my account',
  },
  'me.read': { allow: ['user'], scope: 'none', summary: 'my account and memberships' },
  'me.password': {
    allow: ['user'],
    scope: 'none',
    summary: 'change my password (ends my other tokens)',
  },
  'users.create': {
    allow: ['admin', 'secretary-anywhere'],
    scope: 'none',
    summary: 'create an account',
  },
  'users.disable': {
    allow: ['admin', 'secretary-anywhere'],
    scope: 'none',
    summary:
      "disable or enable an account (ends its tokens); a secretary only their communities' members",
  },
  'communities.create': { allow: ['admin'], scope: 'none', summary: 'create a community' },
  'communities.list': {
    allow: ['user'],
    scope: 'none',
    summary: 'the communities I belong to (all, for the admin)',
  },
  'communities.read': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'read a community',
  },
  'units.import': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'import property units (JSON or CSV)',
  },
  'units.list': { allow: ['admin', 'member'], scope: 'community', summary: 'list property units' },
  'estates.set-property-company': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "name (or clear) an estate's property company (物业服务企业)",
  },
  'memberships.list': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "list a community's members",
  },
  'memberships.create': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'add a member with roles',
  },
  'memberships.update': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "change a member's roles, party or units",
  },
  'memberships.delete': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'remove a member',
  },
  'memberships.grant-secretary': {
    allow: ['admin'],
    scope: 'community',
    summary: 'give or take the secretary role (checked inside membership changes)',
  },
  'settings.read': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "read a community's settings",
  },
  'settings.update': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "change a community's settings",
  },
  'grids.create': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'create a grid (网格): its buildings and grid workers',
  },
  'grids.list': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "a community's grids with their buildings, workers and admission lists",
  },
  'grids.update': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'rename a grid or change its buildings and workers',
  },
  'grids.delete': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'delete a grid that has no buildings',
  },
  'grids.set-admission-list': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "set a grid's admission list (网格准入清单): the demand categories it must accept",
  },
  'grids.set-robot': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "set a grid's WeCom or DingTalk group robot (一网格一微信群)",
  },
  'grids.remove-robot': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "remove a grid's group robot",
  },
  'grids.test-robot': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "post a test message to a grid's group robot and answer what it said",
  },
  'audit.read': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "read a community's audit log",
  },
  'audit.read-platform': {
    allow: ['admin'],
    scope: 'none',
    summary: 'read the whole audit log',
  },
  ...STREET_PERMISSIONS,
  ...WHISTLE_PERMISSIONS,
  'cases.open': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'open a case (五方议事厅, 邻里会商 or 矛盾调解)',
  },
  'cases.list': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "list a community's cases",
  },
  'cases.read': { allow: ['admin', 'member'], scope: 'community', summary: 'read a case' },
  'cases.timeline': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "read a case's audit timeline",
  },
  'cases.demand': {
    allow: ['resident', 'grid-worker', 'building-lead', 'party-member'],
    scope: 'community',
    summary: 'submit a demand (诉求) in gathering',
  },
  'cases.acknowledge': {
    allow: ['party-member', 'secretary'],
    scope: 'community',
    summary: "acknowledge a stage for the caller's party (签收)",
  },
  'cases.analysis': {
    allow: ['secretary', 'case-handler', { role: 'party-member', party: 'lead-party' }],
    scope: 'community',
    summary: 'record the analysis and publish the notice (分析研判, 公告)',
  },
  'cases.opinion': {
    allow: ['party-member', 'secretary', 'resident'],
    scope: 'community',
    summary: "post a party's response (反馈) or a resident's view",
  },
  'cases.opinions': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'read the opinions',
  },
  'cases.meeting': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'record the deliberation meeting (议事会)',
  },
  'cases.agreement': {
    allow: ['secretary', 'case-handler', 'mediator'],
    scope: 'community',
    summary: "draft a mediation's agreement (调解协议): its mediator or a secretary",
  },
  'cases.sign-agreement': {
    allow: ['member'],
    scope: 'community',
    summary: "sign a mediation's agreement for one's side (a side's person only)",
  },
  'meetings.sign-in': {
    allow: ['member'],
    scope: 'community',
    summary: 'sign in at a meeting (签到), on one’s own phone or with the room’s code',
  },
  'meetings.code': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'show a new one-time sign-in code in the room (签到码)',
  },
  'meetings.minutes': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'record the minutes of a meeting (会议纪要), with photos or a signed scan',
  },
  'cases.advance': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'request the move to the next stage (the queue performs it)',
  },
  'cases.close': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'close a case as withdrawn or unresolved',
  },
  'cases.reopen': { allow: ['secretary'], scope: 'community', summary: 'reopen a closed case' },
  'cases.handler': {
    allow: ['secretary'],
    scope: 'community',
    summary: "name the case's handler (经办人): a case worker (社工, 两委委员) or a secretary",
  },
  'cases.resolution': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'draft a resolution (决议) in deliberation; voting opens with the electorate frozen',
  },
  'cases.task': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'assign a task to a party in follow-up (落实)',
  },
  'cases.evaluate': {
    allow: ['resident'],
    scope: 'community',
    summary: "evaluate the result for one's own unit (满意/基本满意/不满意)",
  },
  'communities.stats': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'statistics of the cases opened in a date range, and their CSV export',
  },
  'cases.archive': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'the consultation archive (协商档案) of a closed case, JSON or printable HTML',
  },
  'cases.rate-escalation': {
    allow: ['secretary', 'case-handler'],
    scope: 'community',
    summary: 'rate how a party answered an escalation (一哨一评), once per escalation',
  },
  'tasks.progress': {
    allow: [
      { role: 'party-member', party: 'assignee-party' },
      { role: 'secretary', party: 'assignee-party' },
    ],
    scope: 'community',
    summary: "report a task's progress with evidence (the assignee party's members)",
  },
  'tasks.complete': {
    allow: [
      { role: 'party-member', party: 'assignee-party' },
      { role: 'secretary', party: 'assignee-party' },
    ],
    scope: 'community',
    summary: "complete a task (the assignee party's members)",
  },
  'tasks.evidence': {
    allow: [
      { role: 'party-member', party: 'assignee-party' },
      { role: 'secretary', party: 'assignee-party' },
    ],
    scope: 'community',
    summary: "upload a photo or PDF as a task's evidence (the assignee party's members)",
  },
  'evidence.read': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "download a task's uploaded evidence",
  },
  'tasks.reassign': {
    allow: ['secretary', 'case-handler', { role: 'party-member', party: 'lead-party' }],
    scope: 'community',
    summary:
      "give a task to another party, or a new due date (secretary, the case's handler, the lead party's members)",
  },
  'resolutions.read': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'read a resolution and its frozen electorate',
  },
  'resolutions.ballot': {
    allow: ['member'],
    scope: 'community',
    summary:
      "cast a unit's ballot (one per unit): an owner for their own unit, an agent under a written proxy, a building lead a paper ballot for a unit of their building (checked by the vote: 403 otherwise)",
  },
  'proxies.register': {
    allow: ['resident'],
    scope: 'community',
    summary: 'register a written proxy (委托书) for one of my units: the agent, validity, the scan',
  },
  'proxies.list': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "proxies of my units and naming me (a secretary's and the admin's: all)",
  },
  'proxies.revoke': {
    allow: ['resident'],
    scope: 'community',
    summary: "revoke a proxy of one of my units (the unit's owners only)",
  },
  'owner-identities.record': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary:
      'record an owner of a unit: the certificate and ID numbers, kept only as salted hashes (实名绑定)',
  },
  'owner-identities.list': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'the owner records of a unit: ids, dates and whether bound (never the numbers)',
  },
  'bindings.mine': {
    allow: ['user'],
    scope: 'none',
    summary: 'my real-name bindings to units (unit, method, boundAt; never the numbers)',
  },
  'bindings.bind': {
    allow: ['user'],
    scope: 'none',
    summary:
      "bind myself to a unit by the owner's certificate and ID numbers (a member of the unit's community; failures are throttled)",
  },
  'bindings.unbind-mine': {
    allow: ['user'],
    scope: 'none',
    summary: 'end one of my bindings',
  },
  'bindings.list': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "a community's bindings, active and ended",
  },
  'bindings.unbind': {
    allow: ['secretary'],
    scope: 'community',
    summary: "end a resident's binding, with a reason",
  },
  'binding-requests.create': {
    allow: ['member'],
    scope: 'community',
    summary: 'ask the secretary to bind me to a unit, with a scan (photo or PDF) as evidence',
  },
  'binding-requests.list': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "binding requests: my own (a secretary's and the admin's: all)",
  },
  'binding-requests.evidence': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "download a binding request's evidence (the secretary, the admin, the requester)",
  },
  'binding-requests.decide': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'approve (binds the resident) or reject, with a reason, a binding request',
  },
  'building-leads.set': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary:
      'set the buildings a building lead or grid worker serves (paper ballots by leads; canvassing)',
  },
  'units.developer-unsold': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "mark units as the developer's unsold ones (they count as one owner in a vote)",
  },
  'canvass.visit': {
    allow: ['secretary', 'building-lead', 'grid-worker'],
    scope: 'community',
    summary:
      'record a canvass visit (扫楼) to a unit of my buildings while its vote is open (secretary: any unit)',
  },
  'canvass.read': {
    allow: ['admin', 'secretary', 'building-lead', 'grid-worker'],
    scope: 'community',
    summary:
      "a vote's units of my buildings with canvass status and latest visits (secretary, admin: all)",
  },
  'resolutions.turnout': {
    allow: ['admin', 'secretary', 'building-lead', 'grid-worker'],
    scope: 'community',
    summary:
      'live turnout board: distance to two thirds by area and headcount, per building, the closers',
  },
  'ballot-sheets.issue': {
    allow: ['secretary', 'building-lead'],
    scope: 'community',
    summary:
      "issue printed ballot sheets with serials for a vote's units that have none (a building lead: their buildings' units only)",
  },
  'ballot-sheets.list': {
    allow: ['secretary', 'building-lead'],
    scope: 'community',
    summary:
      "a vote's ballot sheets, as JSON or as printable HTML (a building lead: their buildings' only)",
  },
  'ballot-sheets.reissue': {
    allow: ['secretary', 'building-lead'],
    scope: 'community',
    summary:
      'void a ballot sheet not yet entered and issue a new serial for its unit, with a reason',
  },
  'resolutions.conflicts': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary:
      'units with both a paper and an electronic ballot: both ballots, which one counts and why',
  },
  'resolutions.close': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'close voting now and record the result on the case (the queue does it at closesAt)',
  },
  'resolutions.tally': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: 'the tally: the running count while open, the final one after the close',
  },
  'resolutions.object': {
    allow: ['member'],
    scope: 'community',
    summary:
      "object to the preliminary result about a unit's recorded vote, during the objection period (询异): an owner of the unit in the electorate or their agent (checked by the vote: 403 otherwise)",
  },
  'resolutions.objections': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary: "a resolution's objections (a secretary's and the admin's: all; others: their own)",
  },
  'resolutions.answer-objection': {
    allow: ['secretary'],
    scope: 'community',
    summary: 'answer an objection with the reason and any correction of a ballot',
  },
  'resolutions.publication': {
    allow: ['admin', 'member'],
    scope: 'community',
    summary:
      'the published result (公示), JSON, CSV or printable HTML: totals, and rooms, areas and choices only under open voting (实名)',
  },
  ...LEDGER_PERMISSIONS,
  'notifications.list': {
    allow: ['user'],
    scope: 'none',
    summary: 'my notifications (inbox)',
  },
  'notifications.events': {
    allow: ['user'],
    scope: 'none',
    summary: 'my live channel (server-sent events): new inbox rows and the unread count',
  },
  'notifications.mark-read': {
    allow: ['user'],
    scope: 'none',
    summary: "mark one of my notifications read (someone else's is not found)",
  },
  'webhooks.create': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "add a webhook to a community's notifications",
  },
  'webhooks.list': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: "list a community's webhooks (never their secrets)",
  },
  'webhooks.delete': {
    allow: ['admin', 'secretary'],
    scope: 'community',
    summary: 'remove a webhook',
  },
  'webhooks.dead-letters': {
    allow: ['admin'],
    scope: 'none',
    summary: 'webhook deliveries that failed for good, of every community',
  },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof PERMISSIONS;

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.hasOwn(PERMISSIONS, value);
}

export function ruleFor(action: Action): Rule {
  return PERMISSIONS[action];
}
