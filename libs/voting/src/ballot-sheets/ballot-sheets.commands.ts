import { Command, Query } from '@nestjs/cqrs';
import {
  type BallotConflictReport,
  type BallotSheetList,
  type BallotSheetView,
  type SheetActor,
  type SheetFilter,
} from './ballot-sheets.service';

/** One sheet per unit in reach that has none yet, while voting is open (idempotent). */
export class IssueBallotSheetsCommand extends Command<BallotSheetList> {
  constructor(
    readonly resolutionId: string,
    readonly actor: SheetActor,
    readonly filter: SheetFilter,
  ) {
    super();
  }
}

/** Voids a sheet not yet entered (lost, damaged) and issues a new serial for its unit. */
export class ReissueBallotSheetCommand extends Command<BallotSheetView> {
  constructor(
    readonly resolutionId: string,
    readonly serial: string,
    readonly actor: SheetActor,
    readonly reason: string,
  ) {
    super();
  }
}

/** A vote's sheets in reach, voided ones marked. */
export class BallotSheetsQuery extends Query<BallotSheetList> {
  constructor(
    readonly resolutionId: string,
    readonly actor: SheetActor,
    readonly filter: SheetFilter,
  ) {
    super();
  }
}

/** The live sheets in reach as printable HTML, a page of them. */
export class PrintBallotSheetsQuery extends Query<{ html: string; total: number }> {
  constructor(
    readonly resolutionId: string,
    readonly actor: SheetActor,
    readonly filter: SheetFilter,
    readonly page: { readonly limit: number; readonly offset: number },
  ) {
    super();
  }
}

/** Units with both a paper and an electronic ballot, as data or as CSV. */
export class BallotConflictsQuery extends Query<BallotConflictReport> {
  constructor(readonly resolutionId: string) {
    super();
  }
}

export class BallotConflictsCsvQuery extends Query<string> {
  constructor(readonly resolutionId: string) {
    super();
  }
}
