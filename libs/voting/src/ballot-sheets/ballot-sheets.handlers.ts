import { Inject } from '@nestjs/common';
import {
  CommandHandler,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { type Pool } from 'pg';
import {
  ForbiddenError,
  parseSerial,
  SerialAlreadyEnteredError,
  SerialMismatchError,
  SerialNotFoundError,
  SerialVoidedError,
  WrongStageError,
} from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { ResolutionQueries } from '../resolution.queries';
import { ResolutionRepository } from '../resolution.repository';
import { findSheet, issueSheets, reissueSheet } from './ballot-sheet-store';
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

/** POST /resolutions/:id/ballot-sheets: one sheet per unit in reach that has none, while open. */
@CommandHandler(IssueBallotSheetsCommand)
export class IssueBallotSheetsHandler implements ICommandHandler<IssueBallotSheetsCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly queries: ResolutionQueries,
    private readonly sheets: BallotSheetService,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    resolutionId,
    actor,
    filter,
  }: IssueBallotSheetsCommand): Promise<BallotSheetList> {
    const voting = await this.resolutions.open(resolutionId);
    const view = await this.queries.read(resolutionId);
    if (view.status !== 'open' || view.closedAt !== null || Date.now() >= Date.parse(view.closesAt))
      throw new WrongStageError('表决已结束，不能再发放表决票', { resolutionId });
    const units = await this.sheets.unitsInReach(voting, actor, filter);
    const created = await issueSheets(this.db, {
      resolutionId,
      communityId: voting.communityId,
      unitIds: units.map((u) => u.id),
      issuedBy: actor.userId,
      filter: { estate: filter.estate ?? null, building: filter.building ?? null },
    });
    return { resolutionId, created, items: await this.sheets.views(voting, units) };
  }
}

/**
 * POST /resolutions/:id/ballot-sheets/:serial/reissue: voids a sheet not yet entered (lost,
 * damaged) and issues a new serial for its unit, with the reason, audited.
 */
@CommandHandler(ReissueBallotSheetCommand)
export class ReissueBallotSheetHandler implements ICommandHandler<ReissueBallotSheetCommand> {
  constructor(
    private readonly resolutions: ResolutionRepository,
    private readonly queries: ResolutionQueries,
    private readonly sheets: BallotSheetService,
    @Inject(PG_POOL) private readonly db: Pool,
  ) {}

  async execute({
    resolutionId,
    serial: serialText,
    actor,
    reason,
  }: ReissueBallotSheetCommand): Promise<BallotSheetView> {
    const serial = parseSerial(serialText);
    const voting = await this.resolutions.open(resolutionId);
    const view = await this.queries.read(resolutionId);
    if (view.status !== 'open' || view.closedAt !== null || Date.now() >= Date.parse(view.closesAt))
      throw new WrongStageError('表决已结束，不能再补发表决票', { resolutionId });
    const sheet = await findSheet(this.db, serial);
    if (sheet === undefined) throw new SerialNotFoundError('没有这个表决票编号', { serial });
    if (sheet.resolutionId !== resolutionId)
      throw new SerialMismatchError('这张表决票不属于本次表决', { serial, resolutionId });
    const [unit] = await this.sheets.unitsInReach(voting, actor, {}, [sheet.unitId]);
    if (unit === undefined)
      throw new ForbiddenError('只能为本人负责楼栋的房屋补发表决票', { serial });
    if (sheet.voidedAt !== null) throw new SerialVoidedError('这张表决票已作废', { serial });
    if (sheet.enteredAt !== null)
      throw new SerialAlreadyEnteredError('这张表决票已经录入，不能作废', { serial });
    const issued = await reissueSheet(this.db, { sheet, actorId: actor.userId, reason });
    if (issued === undefined)
      throw new SerialAlreadyEnteredError('这张表决票刚刚已被录入或作废', { serial });
    return this.sheets.view(voting, unit, issued, new Map());
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
