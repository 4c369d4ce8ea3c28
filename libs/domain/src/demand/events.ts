/**
 * The events of a demand's stream (`demand-<uuid>`). Plain JSON: times are UTC ISO strings, absent
 * values are `null`, so an event survives a JSON round trip unchanged.
 */
import { type WhistleLinkEvent } from '../whistle/links';
import { type Outcome, type Party, type Rating } from '../case/types';
import {
  type ConfirmationRecorder,
  type DemandCategory,
  type DemandPlace,
  type DemandSettings,
  type HotlineTicket,
  type LedgerSource,
  type OnBehalfOf,
} from './types';

interface Event<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

export type DemandReceived = Event<
  'DemandReceived',
  {
    readonly demandId: string;
    readonly communityId: string;
    readonly number: string;
    readonly content: string;
    readonly category: DemandCategory;
    readonly unitId: string | null;
    readonly place: DemandPlace | null;
    readonly gridId: string | null;
    readonly source: LedgerSource;
    readonly photoIds: readonly string[];
    readonly onBehalfOf: OnBehalfOf | null;
    readonly hotline: HotlineTicket | null;
    readonly settings: DemandSettings;
    readonly acceptDueAt: string;
    readonly resolveDueAt: string;
    readonly receivedAt: string;
    readonly receivedBy: string;
  }
>;

/** 签收; `onTime` against the accept deadline. */
export type DemandAccepted = Event<
  'DemandAccepted',
  { readonly acceptedAt: string; readonly acceptedBy: string; readonly onTime: boolean }
>;

export type DemandAssigned = Event<
  'DemandAssigned',
  {
    readonly party: Party | null;
    readonly userId: string | null;
    readonly gridId: string | null;
    readonly dueAt: string;
    readonly note: string | null;
    readonly assignedAt: string;
    readonly assignedBy: string;
  }
>;

/** The grid that refused it (a category outside its admission list); the secretary decides next. */
export type DemandRefused = Event<
  'DemandRefused',
  {
    readonly reason: string;
    readonly gridId: string | null;
    readonly refusedAt: string;
    readonly refusedBy: string;
  }
>;

/** Reported resolved; the submitter is asked to confirm by `confirmDueAt`. */
export type DemandResolved = Event<
  'DemandResolved',
  {
    readonly round: number;
    readonly note: string;
    readonly photoIds: readonly string[];
    readonly resolvedAt: string;
    readonly resolvedBy: string;
    readonly confirmDueAt: string;
  }
>;

/**
 * The submitter's answer. Satisfied or basically satisfied: closed (销号). Dissatisfied: reopened,
 * back to `assigned`, a new round due by `reopenedDueAt` (null otherwise).
 */
export type DemandConfirmed = Event<
  'DemandConfirmed',
  {
    readonly round: number;
    readonly rating: Rating;
    readonly comment: string | null;
    readonly recordedBy: ConfirmationRecorder;
    readonly confirmedAt: string;
    readonly confirmedBy: string;
    readonly reopenedDueAt: string | null;
  }
>;

/** No answer by the confirmation deadline: closed, evaluation "unevaluated" (never "satisfied"). */
export type DemandConfirmationLapsed = Event<
  'DemandConfirmationLapsed',
  { readonly round: number; readonly dueAt: string; readonly lapsedAt: string }
>;

export type DemandWithdrawn = Event<
  'DemandWithdrawn',
  { readonly reason: string | null; readonly withdrawnAt: string; readonly withdrawnBy: string }
>;

export type DemandMerged = Event<
  'DemandMerged',
  { readonly into: string; readonly mergedAt: string; readonly mergedBy: string }
>;

export type DemandEscalated = Event<
  'DemandEscalated',
  { readonly caseId: string; readonly escalatedAt: string; readonly escalatedBy: string }
>;

/** The case closed: so does the demand, and its submitter is asked to confirm by `confirmDueAt`. */
export type DemandClosedWithCase = Event<
  'DemandClosedWithCase',
  {
    readonly caseId: string;
    readonly outcome: Outcome;
    readonly round: number;
    readonly closedAt: string;
    readonly confirmDueAt: string;
  }
>;

/** A whistle about the demand: blown (DemandWhistled), first answered, settled (closed or withdrawn). */
export type DemandWhistleEvent = WhistleLinkEvent<'Demand'>;

export type DemandEvent =
  | DemandReceived
  | DemandAccepted
  | DemandAssigned
  | DemandRefused
  | DemandResolved
  | DemandConfirmed
  | DemandConfirmationLapsed
  | DemandWithdrawn
  | DemandMerged
  | DemandEscalated
  | DemandClosedWithCase
  | DemandWhistleEvent;

export type DemandEventType = DemandEvent['type'];
