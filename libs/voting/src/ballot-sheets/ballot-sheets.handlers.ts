import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import {
  BallotConflictsCsvQuery,
  BallotConflictsQuery,
  BallotSheetsQuery,
  IssueBallotSheetsCommand,
  PrintBallotSheetsQuery,
  ReissueBallotSheetCommand,
} from './ballot-sheets.commands';
import {
  BallotSheetService,
  type BallotConflictReport,
  type BallotSheetList,
  type BallotSheetView,
} from './ballot-sheets.service';

/* The sheets' rules live in BallotSheetService, over the `ballot_sheets` table and the ballots. */

@CommandHandler(IssueBallotSheetsCommand)
export class IssueBallotSheetsHandler implements ICommandHandler<IssueBallotSheetsCommand> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({ resolutionId, actor, filter }: IssueBallotSheetsCommand): Promise<BallotSheetList> {
    return this.sheets.issue(resolutionId, actor, filter);
  }
}

@CommandHandler(ReissueBallotSheetCommand)
export class ReissueBallotSheetHandler implements ICommandHandler<ReissueBallotSheetCommand> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({
    resolutionId,
    serial,
    actor,
    reason,
  }: ReissueBallotSheetCommand): Promise<BallotSheetView> {
    return this.sheets.reissue(resolutionId, serial, actor, reason);
  }
}

@QueryHandler(BallotSheetsQuery)
export class BallotSheetsHandler implements IQueryHandler<BallotSheetsQuery> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({ resolutionId, actor, filter }: BallotSheetsQuery): Promise<BallotSheetList> {
    return this.sheets.list(resolutionId, actor, filter);
  }
}

@QueryHandler(PrintBallotSheetsQuery)
export class PrintBallotSheetsHandler implements IQueryHandler<PrintBallotSheetsQuery> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({
    resolutionId,
    actor,
    filter,
    page,
  }: PrintBallotSheetsQuery): Promise<{ html: string; total: number }> {
    return this.sheets.html(resolutionId, actor, filter, page);
  }
}

@QueryHandler(BallotConflictsQuery)
export class BallotConflictsHandler implements IQueryHandler<BallotConflictsQuery> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({ resolutionId }: BallotConflictsQuery): Promise<BallotConflictReport> {
    return this.sheets.conflicts(resolutionId);
  }
}

@QueryHandler(BallotConflictsCsvQuery)
export class BallotConflictsCsvHandler implements IQueryHandler<BallotConflictsCsvQuery> {
  constructor(private readonly sheets: BallotSheetService) {}

  execute({ resolutionId }: BallotConflictsCsvQuery): Promise<string> {
    return this.sheets.conflictsCsv(resolutionId);
  }
}
