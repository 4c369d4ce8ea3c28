import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Auth, Can, type RequestAuth, streetOf } from '@yishi/access';
import { districtStatsCsv, streetStatsCsv } from './street-stats.csv';
import { DistrictStatsView, StreetStatsRangeQuery, StreetStatsView } from './street-stats.dto';
import { type DistrictStats, type StatsRange, type StreetStats } from './street-stats.queries';
import { ReadDistrictStatsQuery, ReadStreetStatsQuery } from './street-stats.query';

const rangeOf = (q: StreetStatsRangeQuery): StatsRange => ({
  from: q.from ?? null,
  to: q.to ?? null,
});

const CSV_OK = { description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } } as const;

const attachment = (res: FastifyReply, name: string) =>
  res.header(
    'Content-Disposition',
    `attachment; filename="stats.csv"; filename*=UTF-8''${encodeURIComponent(`${name}统计.csv`)}`,
  );

/**
 * The street's view (街道看板, docs/whistles.md "Reads"): its departments' whistles ranked, month
 * by month, its communities' yardsticks side by side; the same per street of a district. Each with
 * its CSV export beside it, as the community statistics have theirs.
 */
@ApiTags('statistics')
@Controller()
export class StreetStatsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('streets/:streetId/stats')
  @ApiOperation({
    summary: "a street's figures: its departments' whistles and its communities' yardsticks",
  })
  @Can('streets.stats')
  @ApiOkResponse({ type: StreetStatsView })
  street(@Auth() auth: RequestAuth, @Query() q: StreetStatsRangeQuery): Promise<StreetStats> {
    return this.queries.execute(new ReadStreetStatsQuery(streetOf(auth), rangeOf(q)));
  }

  @Get('streets/:streetId/stats/export')
  @ApiOperation({ summary: "a street's figures as CSV" })
  @Can('streets.stats')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  async streetCsv(
    @Auth() auth: RequestAuth,
    @Query() q: StreetStatsRangeQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const stats = await this.queries.execute(new ReadStreetStatsQuery(streetOf(auth), rangeOf(q)));
    attachment(res, stats.name);
    return streetStatsCsv(stats);
  }

  @Get('districts/:district/stats')
  @ApiOperation({ summary: "a district's figures, per street (a street's totals)" })
  @Can('districts.stats')
  @ApiOkResponse({ type: DistrictStatsView })
  district(
    @Param('district') district: string,
    @Query() q: StreetStatsRangeQuery,
  ): Promise<DistrictStats> {
    return this.queries.execute(new ReadDistrictStatsQuery(district, rangeOf(q)));
  }

  @Get('districts/:district/stats/export')
  @ApiOperation({ summary: "a district's figures as CSV" })
  @Can('districts.stats')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse(CSV_OK)
  async districtCsv(
    @Param('district') district: string,
    @Query() q: StreetStatsRangeQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const stats = await this.queries.execute(new ReadDistrictStatsQuery(district, rangeOf(q)));
    attachment(res, stats.district);
    return districtStatsCsv(stats);
  }
}
