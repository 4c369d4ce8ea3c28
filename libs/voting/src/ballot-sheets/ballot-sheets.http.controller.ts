import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { DOCUMENT_CSP } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { BallotConflictReport, BallotSheetList, BallotSheetView } from '../voting.dto';
import {
  BallotConflictsCsvQuery,
  BallotConflictsQuery,
  BallotSheetsQuery,
  IssueBallotSheetsCommand,
  PrintBallotSheetsQuery,
  ReissueBallotSheetCommand,
} from './ballot-sheets.commands';
import { type SheetActor } from './ballot-sheets.service';
import {
  BallotSheetsFilter,
  BallotSheetsPrintQuery,
  ReissueBallotSheetRequest,
} from './ballot-sheets.request.dto';

const actorOf = (auth: RequestAuth): SheetActor => ({
  userId: auth.user.id,
  secretary: auth.membership?.roles.includes('secretary') === true,
});

/**
 * Printed ballot sheets with serials (docs/voting.md, "Ballot sheets with serials"): issue them,
 * print them, list them, void and reissue one; and the report of units with both a paper and an
 * electronic ballot. A sheet is entered as a ballot with POST /resolutions/:id/ballots
 * `{choice, channel: "paper", serial}`.
 */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class BallotSheetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /**
   * One sheet per unit of the frozen electorate in reach that has none yet, while voting is open.
   * Idempotent: a unit keeps its sheet, so issuing again returns the same serials.
   */
  @Post('ballot-sheets')
  @ApiOperation({ summary: 'issue printed ballot sheets (表决票) with serials' })
  @Can('ballot-sheets.issue')
  @ApiCreatedResponse({ type: BallotSheetList })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: a building lead naming a building not theirs' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: voting is closed' })
  issue(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Body() body: BallotSheetsFilter,
  ): Promise<BallotSheetList> {
    return this.commands.execute(new IssueBallotSheetsCommand(resolutionId, actorOf(auth), body));
  }

  @Get('ballot-sheets')
  @ApiOperation({ summary: "a vote's ballot sheets" })
  @Can('ballot-sheets.list')
  @ApiOkResponse({ type: BallotSheetList })
  list(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Query() query: BallotSheetsFilter,
  ): Promise<BallotSheetList> {
    return this.queries.execute(new BallotSheetsQuery(resolutionId, actorOf(auth), query));
  }

  /**
   * The issued sheets, one A4 page each, with the serial and its QR code (print or save as PDF).
   * At most 500 a request (`limit`, `offset`); `X-Total-Count` says how many there are in all.
   */
  @Get('ballot-sheets.html')
  @ApiOperation({ summary: "a vote's ballot sheets as printable HTML" })
  @Can('ballot-sheets.list')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({
    description: 'printable HTML (A4, a page per sheet); header X-Total-Count',
    schema: { type: 'string' },
  })
  async html(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Query() query: BallotSheetsPrintQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const printed = await this.queries.execute(
      new PrintBallotSheetsQuery(resolutionId, actorOf(auth), query, {
        limit: query.limit ?? 500,
        offset: query.offset ?? 0,
      }),
    );
    res.header('X-Total-Count', String(printed.total));
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', DOCUMENT_CSP);
    return printed.html;
  }

  /** Voids a sheet not yet entered (lost, damaged) and issues a new serial for its unit. */
  @Post('ballot-sheets/:serial/reissue')
  @ApiOperation({ summary: 'void a ballot sheet not yet entered and issue a new serial' })
  @Can('ballot-sheets.reissue')
  @ApiCreatedResponse({ type: BallotSheetView, description: 'the new sheet' })
  @ApiBadRequestResponse({ description: 'SERIAL_INVALID, SERIAL_MISMATCH' })
  @ApiConflictResponse({
    description: 'SERIAL_ALREADY_ENTERED, SERIAL_VOIDED, WRONG_STAGE (voting is closed)',
  })
  reissue(
    @Auth() auth: RequestAuth,
    @Param('resolutionId') resolutionId: string,
    @Param('serial') serial: string,
    @Body() body: ReissueBallotSheetRequest,
  ): Promise<BallotSheetView> {
    return this.commands.execute(
      new ReissueBallotSheetCommand(resolutionId, serial, actorOf(auth), body.reason),
    );
  }

  @Get('ballot-conflicts')
  @ApiOperation({ summary: 'units with both a paper and an electronic ballot' })
  @Can('resolutions.conflicts')
  @ApiOkResponse({ type: BallotConflictReport })
  conflicts(@Param('resolutionId') resolutionId: string): Promise<BallotConflictReport> {
    return this.queries.execute(new BallotConflictsQuery(resolutionId));
  }

  /** The same report as CSV (UTF-8 with BOM, Chinese headers), one row per ballot. */
  @Get('ballot-conflicts.csv')
  @ApiOperation({ summary: 'units with both a paper and an electronic ballot, as CSV' })
  @Can('resolutions.conflicts')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } })
  async conflictsCsv(
    @Param('resolutionId') resolutionId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    res.header(
      'Content-Disposition',
      `attachment; filename="ballot-conflicts.csv"; filename*=UTF-8''${encodeURIComponent('纸质与线上投票冲突.csv')}`,
    );
    return this.queries.execute(new BallotConflictsCsvQuery(resolutionId));
  }
}
