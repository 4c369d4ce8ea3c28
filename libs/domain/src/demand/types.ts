/**
 * The vocabulary of a demand in the ledger (诉求台账, docs/demands.md): statuses, sources,
 * categories, deadlines' settings, and the state a demand's stream folds to. Plain JSON data.
 */
import { type WhistleLink } from '../whistle/links';
import { type Duration } from '../calendar';
import { type Outcome, type Party, type Rating, DEMAND_SOURCES } from '../case/types';

export { RATINGS, type Rating } from '../case/types';

/**
 * Where a demand stands. Open: `received` (待签收), `accepted` (已签收), `assigned` (办理中), `refused`
 * (退回, with the secretary), `resolved` (待评价). `in-case`: escalated into a case, which closes it.
 * Finished: `closed` (销号, or closed unevaluated, or with its case), `withdrawn`, `merged`.
 */
export const DEMAND_STATUSES = [
  'received',
  'accepted',
  'assigned',
  'refused',
  'resolved',
  'closed',
  'withdrawn',
  'merged',
  'in-case',
] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

/** The statuses from which a demand can still be handled, escalated or merged. */
export const OPEN_DEMAND_STATUSES: readonly DemandStatus[] = [
  'received',
  'accepted',
  'assigned',
  'refused',
  'resolved',
];

/**
 * Where a demand came from. `lead`: a building, unit or neighbour lead (三长). A case's own
 * gathering (SubmitDemand) takes the others, `DEMAND_SOURCES`.
 */
export const LEDGER_SOURCES = [...DEMAND_SOURCES, 'lead'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

/** The ledger's categories (labels in labels.ts); a grid's admission list names some of them. */
export const DEMAND_CATEGORIES = [
  'public-facilities',
  'environment-sanitation',
  'property-service',
  'safety-hazard',
  'neighbour-dispute',
  'elderly-disabled-care',
  'parking',
  'greening',
  'utilities',
  'illegal-construction',
  'noise',
  'other',
] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

/** Who recorded a confirmation: the submitter, or a grid worker on a return visit (回访). */
export const CONFIRMATION_RECORDERS = ['submitter', 'grid-worker'] as const;
export type ConfirmationRecorder = (typeof CONFIRMATION_RECORDERS)[number];

/**
 * How a demand came to be `closed`: the submitter's (or a grid worker's recorded) satisfied answer,
 * no answer in the confirmation window, or the closing of the case it was escalated into.
 */
export const CLOSE_CAUSES = ['confirmation', 'lapse', 'case'] as const;
export type CloseCause = (typeof CLOSE_CAUSES)[number];

/**
 * The deadlines in force when the demand was received (community settings, the category's resolve
 * time): accept (签收) after receipt, resolve after receipt (a reopening starts a new one), confirm
 * after it is resolved.
 */
export interface DemandSettings {
  readonly acceptWithin: Duration;
  readonly resolveWithin: Duration;
  readonly confirmWithin: Duration;
}

/** docs/demands.md, "Deadlines": 24 elapsed hours, 7 working days, 3 working days. */
export const DEFAULT_DEMAND_SETTINGS: DemandSettings = {
  acceptWithin: { hours: 24 },
  resolveWithin: { workingDays: 7 },
  confirmWithin: { workingDays: 3 },
};

/** A resident a grid worker or a lead writes a demand down for (e.g. an elderly resident's words). */
export interface OnBehalfOf {
  readonly name: string;
  readonly phone: string | null;
}

/** The 12345 ticket a demand came from, as the hotline gave it. */
export interface HotlineTicket {
  readonly ticketNumber: string;
  /** When the hotline received the call. */
  readonly receivedAt: string;
  /** The hotline's own deadline, besides ours; the ledger shows the earlier one. */
  readonly dueAt: string | null;
  /** The hotline's category, in its own words. */
  readonly category: string;
}

/** Where the matter is: a unit fixes both; a place without a unit (a road, a square) may lack a building. */
export interface DemandPlace {
  readonly estate: string;
  readonly building: string | null;
}

/** Who handles a demand after 派单: a party (the property company…), a person, another grid. */
export interface DemandAssignment {
  readonly party: Party | null;
  readonly userId: string | null;
  readonly gridId: string | null;
  readonly dueAt: string;
  readonly note: string | null;
  readonly assignedAt: string;
  readonly assignedBy: string;
}

export interface DemandRefusal {
  readonly reason: string;
  readonly gridId: string | null;
  readonly refusedAt: string;
  readonly refusedBy: string;
}

export interface DemandResolution {
  readonly round: number;
  readonly note: string;
  readonly photoIds: readonly string[];
  readonly resolvedAt: string;
  readonly resolvedBy: string;
}

/** One answer of the submitter, for one round; every round's answer is kept. */
export interface DemandConfirmation {
  readonly round: number;
  readonly rating: Rating;
  readonly comment: string | null;
  readonly recordedBy: ConfirmationRecorder;
  readonly confirmedAt: string;
  readonly confirmedBy: string;
}

/** The submitter is asked to confirm (after a resolution, or when the case closed) until `dueAt`. */
export interface PendingConfirmation {
  readonly round: number;
  readonly since: string;
  readonly dueAt: string;
}

export interface DemandClosure {
  readonly cause: CloseCause;
  readonly closedAt: string;
  /** `case`: the case and how it ended. */
  readonly caseId: string | null;
  readonly caseOutcome: Outcome | null;
}

/** A demand as its events fold: enough for the ledger's detail (GET /demands/:demandId). */
export interface LedgerDemand {
  readonly id: string;
  readonly communityId: string;
  /** Readable and unique per community: `XY-20261207-0001` (number.ts). */
  readonly number: string;
  readonly content: string;
  readonly category: DemandCategory;
  readonly unitId: string | null;
  readonly place: DemandPlace | null;
  /** The grid of its building; null: no grid, the secretary's. */
  readonly gridId: string | null;
  readonly source: LedgerSource;
  readonly photoIds: readonly string[];
  readonly onBehalfOf: OnBehalfOf | null;
  readonly hotline: HotlineTicket | null;
  readonly settings: DemandSettings;
  readonly status: DemandStatus;
  readonly receivedAt: string;
  /** Who recorded it: the submitter, for withdrawing and confirming. */
  readonly submittedBy: string;
  readonly acceptDueAt: string;
  /** The ledger's resolve deadline, from receipt (the yardsticks count against it). */
  readonly resolveDueAt: string;
  /** The current round's deadline for whoever handles it: resolveDueAt, an assignment's, a reopening's. */
  readonly dueAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  readonly assignment: DemandAssignment | null;
  readonly refusals: readonly DemandRefusal[];
  /** 1, then one more for each reopening (a dissatisfied answer). */
  readonly round: number;
  readonly reopenings: number;
  readonly resolutions: readonly DemandResolution[];
  readonly confirmations: readonly DemandConfirmation[];
  readonly pendingConfirmation: PendingConfirmation | null;
  /** Set when a confirmation window passed with no answer (评价: 未评价). */
  readonly unevaluatedRounds: readonly number[];
  /** Every case it was escalated into, oldest first; the last is current while `in-case`. */
  readonly caseIds: readonly string[];
  readonly mergedInto: string | null;
  readonly withdrawnAt: string | null;
  readonly closure: DemandClosure | null;
  /** The whistles (吹哨) about it, oldest first: blown by the community, or escalations to the street. */
  readonly whistles: readonly WhistleLink[];
}

/** Before its first event a demand does not exist. */
export type DemandState = LedgerDemand | null;
