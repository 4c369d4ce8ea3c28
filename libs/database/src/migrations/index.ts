import { EventStore1763740800000 } from './1763740800000-event-store';
import { AppendEvent1764000000000 } from './1764000000000-append-event';
import { Registry1765000000000 } from './1765000000000-registry';
import { Notifications1766000000000 } from './1766000000000-notifications';
import { CaseDeadlines1767000000000 } from './1767000000000-case-deadlines';
import { VotingAndTasks1768000000000 } from './1768000000000-voting-and-tasks';
import { AppendBatch1769000000000 } from './1769000000000-append-batch';
import { IdempotencyKeys1771000000000 } from './1771000000000-idempotency-keys';
import { ProxiesAndPaperBallots1772000000000 } from './1772000000000-proxies-and-paper-ballots';
import { FollowUp1773000000000 } from './1773000000000-follow-up';
import { UnitBindings1774000000000 } from './1774000000000-unit-bindings';
import { ObjectionPeriod1775000000000 } from './1775000000000-objection-period';
import { CanvassAndVoteReminders1776000000000 } from './1776000000000-canvass-and-vote-reminders';
import { BallotSheets1777000000000 } from './1777000000000-ballot-sheets';
import { BallotCloseAdvisoryLock1778000000000 } from './1778000000000-ballot-close-advisory-lock';
import { AccountTokensAndUsernames1779500000000 } from './1779500000000-account-tokens-and-usernames';
import { NotificationResolution1779600000000 } from './1779600000000-notification-resolution';
import { LoginThrottleFlexible1779620000000 } from './1779620000000-login-throttle-flexible';
import { BindingAttemptsFlexible1779640000000 } from './1779640000000-binding-attempts-flexible';
import { GridsLeadsAndTenants1779700000000 } from './1779700000000-grids-leads-and-tenants';
import { MinEvaluationResponse1779750000000 } from './1779750000000-min-evaluation-response';
import { GridRobots1779760000000 } from './1779760000000-grid-robots';
import { DemandsLedger1779800000000 } from './1779800000000-demands-ledger';
import { DemandDeadlines1779850000000 } from './1779850000000-demand-deadlines';
import { Open3111779900000000 } from './1779900000000-open311';
import { EstatePropertyCompany1779950000000 } from './1779950000000-estate-property-company';
import { DemandListKeys1779960000000 } from './1779960000000-demand-list-keys';
import { Streets1780500000000 } from './1780500000000-streets';
import { Whistles1780600000000 } from './1780600000000-whistles';
import { WhistleSettings1780800000000 } from './1780800000000-whistle-settings';
import { ProcedureByCategory1780900000000 } from './1780900000000-procedure-by-category';
import { NotificationLinks1781000000000 } from './1781000000000-notification-links';
import { Meetings1781100000000 } from './1781100000000-meetings';

/** Every migration, oldest first. A new schema change is a new file here, never `synchronize`. */
export const MIGRATIONS = [
  EventStore1763740800000,
  AppendEvent1764000000000,
  Registry1765000000000,
  Notifications1766000000000,
  CaseDeadlines1767000000000,
  VotingAndTasks1768000000000,
  AppendBatch1769000000000,
  IdempotencyKeys1771000000000,
  ProxiesAndPaperBallots1772000000000,
  FollowUp1773000000000,
  UnitBindings1774000000000,
  ObjectionPeriod1775000000000,
  CanvassAndVoteReminders1776000000000,
  BallotSheets1777000000000,
  BallotCloseAdvisoryLock1778000000000,
  AccountTokensAndUsernames1779500000000,
  NotificationResolution1779600000000,
  LoginThrottleFlexible1779620000000,
  BindingAttemptsFlexible1779640000000,
  GridsLeadsAndTenants1779700000000,
  MinEvaluationResponse1779750000000,
  GridRobots1779760000000,
  DemandsLedger1779800000000,
  DemandDeadlines1779850000000,
  Open3111779900000000,
  EstatePropertyCompany1779950000000,
  DemandListKeys1779960000000,
  Streets1780500000000,
  Whistles1780600000000,
  WhistleSettings1780800000000,
  ProcedureByCategory1780900000000,
  NotificationLinks1781000000000,
  Meetings1781100000000,
];
