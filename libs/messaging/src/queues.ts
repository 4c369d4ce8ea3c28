import { type Party, type Stage, type WhistleTimerKind } from '@yishi/domain';

/**
 * Every BullMQ queue and job name, in one place. Jobs carry ids, never state: Postgres is the truth.
 */
export const QUEUES = {
  /** Every committed event, handed over by the relay; reactions run from here. */
  domainEvents: 'domain-events',
  /** Checks a case's gate and moves it (job id advance_<case>_<from>_<to>). */
  caseAdvance: 'case-advance',
  /** Delayed: a notice period or evaluation window ends; the gate is checked again. */
  caseTimers: 'case-timers',
  /**
   * Delayed: the acknowledgement reminders and escalations (吹哨) of a stage entry or a task
   * revision, one timer for the rows of `case_deadlines` it has (job id
   * deadlines_<case>_<entry>[_<task>]); and the reconciler's scheduled `reconcile` job, which
   * re-creates what Redis lost from Postgres.
   */
  caseDeadlines: 'case-deadlines',
  /**
   * Delayed to a resolution's `closesAt`: closes its ballot box (job id close-voting_<resolution>);
   * its reminders to non-voters before then (vote-reminder_<resolution>_<hours>h), and the end of
   * its objection period: finalises the result (job id finalise-vote_<resolution>).
   */
  votingClose: 'voting-close',
  /**
   * Notification fan-out: the `fan-out` root, one `party` job per party, and its `inbox` job; or,
   * when the inbox is the only channel in use, one `inbox-all` job for every party.
   */
  notifications: 'notifications',
  /**
   * Delayed: a demand's deadline timers (docs/demands.md, "Deadlines"): the reminder before the
   * accept and resolve deadlines, the secretary's notice when one is missed, the street officers'
   * a period later, and the confirmation window's lapse (job id
   * demand-timer_<demand>_<kind>_<due ms>); and the `reconcile-demands` scheduler's job, which
   * re-creates the timers Redis lost.
   */
  demandDeadlines: 'demand-deadlines',
  /**
   * Delayed: a whistle's deadline timers (docs/whistles.md, "Deadlines"): per department, the
   * reminder before the accept and answer deadlines and the escalation to the street's officers at
   * the deadline (job id whistle-timer_<whistle>_<department>_<kind>_<due ms>); and the
   * `reconcile-whistles` scheduler's job, which re-creates the timers Redis lost.
   */
  whistleDeadlines: 'whistle-deadlines',
  /**
   * Webhook deliveries of a party notification (own queue: its own backoff and concurrency), and
   * the messages to grids' group-chat robots (job id robot_<event>_<kind>_<grid>).
   */
  notificationWebhooks: 'notification-webhooks',
  /** SMS deliveries of a party notification (own queue: the provider's rate limits). */
  notificationSms: 'notification-sms',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** A committed event as the relay hands it to BullMQ. The job id is the event id. */
export interface EventJobData {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly streamPosition: number;
  readonly globalPosition: number;
  readonly transactionId: string;
  readonly correlationId: string;
  readonly occurredAt: string;
}

/** The events one transaction appended to one stream, next to each other in the log, in order. */
export interface EventGroupJobData {
  readonly events: readonly EventJobData[];
}

/** Evaluate the gate from `from` to `to` of one case, from its events. */
export interface AdvanceJobData {
  readonly caseId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A demand's timers: before the accept (签收) and resolve (办结) deadlines a reminder, at the
 * deadline the secretary's notice, a period later the street officers'; the confirmation
 * window's end closes it unevaluated.
 */
export const DEMAND_TIMER_KINDS = [
  'accept-reminder',
  'accept-overdue',
  'accept-escalated',
  'resolve-reminder',
  'resolve-overdue',
  'resolve-escalated',
  'confirm-lapse',
] as const;
export type DemandTimerKind = (typeof DEMAND_TIMER_KINDS)[number];

/** One timer of a demand: the deadline it watches (`dueAt`) tells a stale timer from a live one. */
export interface DemandTimerJobData {
  readonly demandId: string;
  readonly kind: DemandTimerKind;
  readonly dueAt: string;
}

/**
 * One timer of a whistle's department (the domain's whistleTimers): a reminder before a deadline,
 * the escalation at it; the deadline it watches tells a stale timer from a live one.
 */
export interface WhistleTimerJobData {
  readonly whistleId: string;
  readonly departmentId: string;
  readonly kind: WhistleTimerKind;
  readonly dueAt: string;
}

/** A time-driven gate may now hold: check the case again. */
export interface CaseTimerJobData {
  readonly caseId: string;
  readonly kind: 'notice-period-over' | 'evaluation-window-over';
  readonly at: string;
}

/** The two timers of a required party's acknowledgement: a reminder before the deadline, 吹哨 after. */
export const DEADLINE_KINDS = [
  'reminder',
  'escalation',
  'task-reminder',
  'task-escalation',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * The timer of one stage entry's acknowledgement rows, or of one task revision's rows, in
 * `case_deadlines`: due at the earliest pending row; its processor re-reads the rows and the case,
 * handles the rows that are due and waits for the next.
 */
export interface DeadlineTimerJobData {
  readonly caseId: string;
  /** The stage entry; for a task's rows, the revision of its due date (1, +1 per reassignment). */
  readonly entry: number;
  /** The task, for a task's rows; absent for acknowledgement rows. */
  readonly taskId?: string;
}

/**
 * One row's job, as jobs were before the timers were per entry (`deadline`): a job of that name
 * still in Redis runs as the timer of its row's entry.
 */
export interface DeadlineJobData {
  readonly caseId: string;
  /** The stage entry; for a task's rows, the revision of its due date (1, +1 per reassignment). */
  readonly entry: number;
  readonly party: Party;
  readonly kind: DeadlineKind;
  /** The task of a `task-reminder` or `task-escalation`; absent for acknowledgement rows. */
  readonly taskId?: string | null;
}

/** The reconciler's run (scheduled, or added by hand): it reads everything from Postgres. */
export type ReconcileJobData = Readonly<Record<string, never>>;

/** Close a resolution's ballot box at its `closesAt` and record the result on the case. */
export interface VotingCloseJobData {
  readonly resolutionId: string;
  readonly caseId: string;
  readonly closesAt: string;
}

/**
 * Remind the owners whose units have not voted, `hoursBeforeClose` before `closesAt` (job id
 * vote-reminder_<resolution>_<hours>h). Sends nothing once the ballot box is closed.
 */
export interface VoteReminderJobData {
  readonly resolutionId: string;
  readonly caseId: string;
  readonly closesAt: string;
  readonly hoursBeforeClose: number;
}

/** Finalise a vote's result when its objection period (询异) ends, if every objection is answered. */
export interface VotingFinaliseJobData {
  readonly resolutionId: string;
  readonly caseId: string;
  readonly objectionUntil: string;
}

/** What a notification is about; each kind has its Chinese template (libs/notifications). */
export const NOTIFICATION_KINDS = [
  'stage-entered',
  'acknowledgement-reminder',
  'escalated',
  'voting-opened',
  'task-assigned',
  'case-closed',
  'vote-published',
  // Issue 6: residents in scope asked to evaluate (inbox only); a task's assignee reminded before
  // its due date; street officers told of an overdue task or of residents not satisfied (吹哨).
  'evaluation-opened',
  'task-reminder',
  'task-overdue',
  'evaluation-escalated',
  // Issue 9: owners whose units have not voted, some hours before the vote closes (inbox only).
  'vote-reminder',
  // Issue 19: the parties hear that a vote opened, for information (the owners get voting-opened).
  'voting-opened-notice',
  // Issue 21: a demand of the ledger closed with its case; its submitter is asked to confirm.
  'demand-confirm',
  // Issue 21: a demand's accept or resolve deadline: the grid's workers reminded before it, the
  // secretary told when it is missed, the street's officers when it is still missed (inbox only).
  'demand-reminder',
  'demand-overdue',
  'demand-escalated',
  // Issue 22: a whistle's departments told to accept it (on issue, and the new one on a transfer);
  // the community's secretaries told a department answered, to rate it (inbox only).
  'whistle-issued',
  'whistle-answered',
  // Issue 22: a department reminded of a whistle's deadline before it; the street's officers told
  // it passed (inbox only).
  'whistle-reminder',
  'whistle-overdue',
  // Issue 23: each invitee of a meeting announced ahead: its time and place (inbox, and SMS where
  // a template is set).
  'meeting-scheduled',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The delivery channels under each party of a notification flow. */
export const NOTIFICATION_CHANNELS = ['inbox', 'webhook', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * One notification to some of the five parties, caused by one domain event. `sourceEventId` (the
 * event's UUID) and `kind` key everything downstream: job ids and the unique keys in PostgreSQL.
 * It carries the few strings the Chinese text needs, so a delivery never reloads the case.
 */
export interface NotificationRequest {
  readonly sourceEventId: string;
  readonly communityId: string;
  readonly caseId: string | null;
  /** The case's title, quoted in the text: 《…》. */
  readonly caseTitle: string;
  readonly kind: NotificationKind;
  readonly stage?: Stage;
  /** `escalated`: the parties that did not acknowledge in time (street officers are notified). */
  readonly parties: readonly Party[];
  /** ISO 8601: the acknowledgement deadline, a task's due time or the vote's closing time. */
  readonly deadline?: string;
  /** The resolution (`voting-opened`, `vote-published`) or task (`task-assigned`) title. */
  readonly subject?: string;
  /** The resolution a vote's notification is about; its inbox rows carry it (`resolutionId`). */
  readonly resolutionId?: string;
  /** The demand (诉求) or the whistle (吹哨) a notice is about; its inbox rows carry it. */
  readonly demandId?: string;
  readonly whistleId?: string;
  /** `vote-published` (公示): the result of the vote. */
  readonly outcome?: 'passed' | 'failed';
  /**
   * `vote-published`: `preliminary` at the close where there is an objection period (询异; then
   * `deadline` is its end), `final` (or absent) for the final result.
   */
  readonly phase?: 'preliminary' | 'final';
}

/** A `party` job, and the `inbox`, `webhook` and `sms` jobs under it. */
export interface PartyNotificationJobData {
  readonly request: NotificationRequest;
  readonly party: Party;
}

/**
 * SMS of one notification to named users rather than a party (the owners called to vote): one job
 * on the SMS queue, its rows keyed like every SMS by (event, recipient, kind).
 */
export interface UserSmsJobData {
  readonly request: NotificationRequest;
  readonly userIds: readonly string[];
}

/** What the demands ledger tells a grid's group chat (一网格一微信群). */
export const GRID_ROBOT_MESSAGE_KINDS = [
  'demand-received',
  'demand-overdue',
  'demand-closed',
] as const;
export type GridRobotMessageKind = (typeof GRID_ROBOT_MESSAGE_KINDS)[number];

/** A demand as a robot message shows it: plain strings, rendered to markdown by libs/notifications. */
export interface DemandRobotFacts {
  /** The ledger's number, e.g. XY-20261207-0001. */
  readonly number: string;
  /** The category's Chinese label (公共设施 …). */
  readonly categoryLabel: string;
  /** The demand's words; the message shows an excerpt. */
  readonly content: string;
  /** Where: `金泰和庄 12号楼 2单元`, or a place without a unit. */
  readonly place: string;
  /** The status's Chinese label (待签收, 已办结 …). */
  readonly statusLabel: string;
  /** ISO 8601: the deadline in force (the accept or resolve deadline, the hotline's if earlier). */
  readonly dueAt?: string;
  /** A link to the demand in the web app. */
  readonly link?: string;
}

/**
 * One message to a grid's robot. `sourceEventId` (the ledger event's UUID) and `kind` key the job
 * and the delivery row, so a replayed reaction posts nothing twice. The robot's URL and secret are
 * never in Redis: the job reads them from PostgreSQL when it runs.
 */
export interface GridRobotJobData {
  readonly gridId: string;
  readonly sourceEventId: string;
  readonly kind: GridRobotMessageKind;
  readonly demand: DemandRobotFacts;
}

/** Payloads by job name: a discriminated union, so a processor switches exhaustively. */
export type JobItem =
  | { readonly name: 'event'; readonly data: EventJobData }
  | { readonly name: 'events'; readonly data: EventGroupJobData }
  | { readonly name: 'advance'; readonly data: AdvanceJobData }
  | { readonly name: 'case-timer'; readonly data: CaseTimerJobData }
  | { readonly name: 'deadlines'; readonly data: DeadlineTimerJobData }
  | { readonly name: 'deadline'; readonly data: DeadlineJobData }
  | { readonly name: 'reconcile'; readonly data: ReconcileJobData }
  | { readonly name: 'close-voting'; readonly data: VotingCloseJobData }
  | { readonly name: 'vote-reminder'; readonly data: VoteReminderJobData }
  | { readonly name: 'finalise-vote'; readonly data: VotingFinaliseJobData }
  | { readonly name: 'demand-timer'; readonly data: DemandTimerJobData }
  | { readonly name: 'reconcile-demands'; readonly data: ReconcileJobData }
  | { readonly name: 'whistle-timer'; readonly data: WhistleTimerJobData }
  | { readonly name: 'reconcile-whistles'; readonly data: ReconcileJobData }
  | { readonly name: 'fan-out'; readonly data: NotificationRequest }
  | { readonly name: 'party'; readonly data: PartyNotificationJobData }
  | { readonly name: 'inbox'; readonly data: PartyNotificationJobData }
  /** The inbox rows of every party of the request, in one statement (the inbox alone in use). */
  | { readonly name: 'inbox-all'; readonly data: NotificationRequest }
  | { readonly name: 'webhook'; readonly data: PartyNotificationJobData }
  | { readonly name: 'sms'; readonly data: PartyNotificationJobData }
  | { readonly name: 'sms-users'; readonly data: UserSmsJobData }
  | { readonly name: 'grid-robot'; readonly data: GridRobotJobData };

export type JobName = JobItem['name'];

/** A job's payload by its name. */
export type JobData<N extends JobName> = Extract<JobItem, { name: N }>['data'];

/**
 * The queue of every job name: the union's names, at run time. A name added to JobItem without a
 * queue here does not compile; one with no handler in the worker stops it at start.
 */
export const JOB_QUEUES = {
  event: QUEUES.domainEvents,
  events: QUEUES.domainEvents,
  advance: QUEUES.caseAdvance,
  'case-timer': QUEUES.caseTimers,
  deadlines: QUEUES.caseDeadlines,
  deadline: QUEUES.caseDeadlines,
  reconcile: QUEUES.caseDeadlines,
  'close-voting': QUEUES.votingClose,
  'vote-reminder': QUEUES.votingClose,
  'finalise-vote': QUEUES.votingClose,
  'demand-timer': QUEUES.demandDeadlines,
  'reconcile-demands': QUEUES.demandDeadlines,
  'whistle-timer': QUEUES.whistleDeadlines,
  'reconcile-whistles': QUEUES.whistleDeadlines,
  'fan-out': QUEUES.notifications,
  party: QUEUES.notifications,
  inbox: QUEUES.notifications,
  'inbox-all': QUEUES.notifications,
  webhook: QUEUES.notificationWebhooks,
  sms: QUEUES.notificationSms,
  'sms-users': QUEUES.notificationSms,
  'grid-robot': QUEUES.notificationWebhooks,
} as const satisfies Record<JobName, QueueName>;

export type JobQueue<N extends JobName> = (typeof JOB_QUEUES)[N];

/**
 * Jobs run at once per worker process, per queue. The inbox, summaries and case jobs are short
 * SQL; webhooks wait on the network; SMS and votes are few and heavy (the providers' rate limits,
 * a whole electorate).
 */
export const WORKER_CONCURRENCY: Readonly<Record<QueueName, number>> = {
  [QUEUES.domainEvents]: 20,
  [QUEUES.caseAdvance]: 20,
  [QUEUES.caseTimers]: 20,
  [QUEUES.caseDeadlines]: 10,
  [QUEUES.votingClose]: 5,
  [QUEUES.demandDeadlines]: 10,
  [QUEUES.whistleDeadlines]: 10,
  [QUEUES.notifications]: 20,
  [QUEUES.notificationWebhooks]: 20,
  [QUEUES.notificationSms]: 5,
};

/** Which queues receive which events from the relay. */
export interface EventRoute {
  readonly queue: string;
  readonly accepts: (eventType: string) => boolean;
}

/**
 * Event types nothing reacts to, kept off the queues (and the relay reads them as positions only).
 * A BallotCast has no reaction (the tally reads the ballots from the log), and a whole estate
 * voting at once would otherwise be one job per ballot.
 */
export const UNROUTED_EVENT_TYPES: ReadonlySet<string> = new Set(['BallotCast']);

export const EVENT_ROUTES: readonly EventRoute[] = [
  { queue: QUEUES.domainEvents, accepts: (type) => !UNROUTED_EVENT_TYPES.has(type) },
];
