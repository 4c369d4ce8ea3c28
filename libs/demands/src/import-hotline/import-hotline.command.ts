import { Command } from '@nestjs/cqrs';

/** One ticket of an import as the answer lists it: its demand, new or recorded before. */
export interface HotlineImportedDemand {
  readonly ticketNumber: string;
  readonly id: string;
  readonly number: string;
  readonly unitId: string | null;
  readonly gridId: string | null;
}

export interface HotlineImportResult {
  /** Tickets that became demands now. */
  readonly imported: number;
  /** Tickets whose demand was recorded before (an earlier import): nothing appended. */
  readonly duplicates: number;
  /** Tickets imported now whose address names no building of the ledger: the secretary's. */
  readonly unmatched: readonly { readonly ticketNumber: string; readonly address: string }[];
  /** Every ticket of the file, in its order. */
  readonly demands: readonly HotlineImportedDemand[];
}

/**
 * The secretary imports the 12345 hotline's tickets (`text/csv` or `application/json`, the body as
 * the HTTP layer read it): each ticket one demand, named by (community, ticket number).
 */
export class ImportHotlineTicketsCommand extends Command<HotlineImportResult> {
  constructor(
    readonly communityId: string,
    readonly userId: string,
    readonly contentType: string,
    readonly body: unknown,
  ) {
    super();
  }
}
