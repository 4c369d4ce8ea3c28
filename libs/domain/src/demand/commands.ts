/**
 * What can be asked of a demand (docs/demands.md). Roles are checked before the decider is called
 * (libs/access); the decider checks the demand's own rules, and who may act where that depends on
 * the demand itself (its submitter, its grid).
 */
import { type WhistleProgress } from '../whistle/links';
import { type Outcome, type Party, type Rating } from '../case/types';
import {
  type ConfirmationRecorder,
  type DemandSettings,
  type DemandStatus,
  type LedgerSource,
} from './types';

/** What the caller tells the decider besides the command. */
export interface DemandContext {
  /** ISO 8601; every time the events record comes from here, never from the system clock. */
  readonly now: string;
  readonly actorId: string;
  /** The admission list (网格准入清单) of the demand's grid, from the registry: needed to refuse. */
  readonly admissionList?: readonly string[] | null;
  /** The grids the actor works in, from the registry: a grid worker confirms for their grid only. */
  readonly gridIds?: readonly string[] | null;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
}

/**
 * A demand enters the ledger. `number` comes from the community's counter for the day of `now`;
 * `gridId` from the unit's building (null: the secretary's); `settings` from the community and the
 * category.
 */
export type ReceiveDemand = Command<
  'ReceiveDemand',
  {
    readonly demandId: string;
    readonly communityId: string;
    readonly number: string;
    readonly content: string;
    readonly category: string;
    readonly unitId?: string | null;
    readonly place?: { readonly estate: string; readonly building?: string | null } | null;
    readonly gridId: string | null;
    readonly source: LedgerSource;
    readonly photoIds?: readonly string[] | null;
    readonly onBehalfOf?: { readonly name: string; readonly phone?: string | null } | null;
    readonly hotline?: {
      readonly ticketNumber: string;
      readonly receivedAt: string;
      readonly dueAt?: string | null;
      readonly category: string;
    } | null;
    readonly settings: DemandSettings;
  }
>;

/** 签收. */
export type AcceptDemand = Command<'AcceptDemand', Record<string, never>>;

/**
 * 派单: to a party, a person or another grid (at least one). Due at `dueAt`, or `dueInWorkingDays`
 * from now; neither: the demand's current deadline.
 */
export type AssignDemand = Command<
  'AssignDemand',
  {
    readonly party?: Party | null;
    readonly userId?: string | null;
    readonly gridId?: string | null;
    readonly dueAt?: string | null;
    readonly dueInWorkingDays?: number | null;
    readonly note?: string | null;
  }
>;

/** A grid's refusal, only of a category outside its admission list; it goes to the secretary. */
export type RefuseDemand = Command<'RefuseDemand', { readonly reason: string }>;

export type ResolveDemand = Command<
  'ResolveDemand',
  { readonly note: string; readonly photoIds?: readonly string[] | null }
>;

export type ConfirmDemand = Command<
  'ConfirmDemand',
  {
    readonly rating: Rating;
    readonly comment?: string | null;
    readonly recordedBy: ConfirmationRecorder;
  }
>;

/** Sent by the queue when the confirmation window ends. `round` pins the window the timer was for. */
export type LapseConfirmation = Command<'LapseConfirmation', { readonly round?: number | null }>;

export type WithdrawDemand = Command<'WithdrawDemand', { readonly reason?: string | null }>;

/** A duplicate goes into another demand of the community; `intoStatus` is that demand's status. */
export type MergeDemand = Command<
  'MergeDemand',
  { readonly into: string; readonly intoStatus: DemandStatus }
>;

/** The case it was escalated into (opened for it or already open). */
export type EscalateDemand = Command<'EscalateDemand', { readonly caseId: string }>;

/** Sent when the case closes: the demand closes with it and its submitter is asked to confirm. */
export type CloseWithCase = Command<
  'CloseWithCase',
  { readonly caseId: string; readonly outcome: Outcome }
>;

/** Sent by the platform after each event of a whistle about the demand: its progress, recorded once per step. */
export type RecordDemandWhistle = Command<'RecordWhistle', WhistleProgress>;

export type DemandCommand =
  | ReceiveDemand
  | AcceptDemand
  | AssignDemand
  | RefuseDemand
  | ResolveDemand
  | ConfirmDemand
  | LapseConfirmation
  | WithdrawDemand
  | MergeDemand
  | EscalateDemand
  | CloseWithCase
  | RecordDemandWhistle;

export type DemandCommandType = DemandCommand['type'];
