import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Can } from '@yishi/access';
import { ExportStatsQuery } from '../export-stats/export-stats.query';
import { type CommunityFigures, ReadStatsQuery } from './read-stats.query';
import { StatsQuery } from './read-stats.request.dto';
import { CommunityStatsView } from './read-stats.response.dto';

const rangeOf = (q: StatsQuery) => ({
  from: q.from ?? null,
  to: q.to ?? null,
  estate: q.estate ?? null,
});

/** The figures and their CSV export share a controller: its name keys the operation ids. */
@ApiTags('statistics')
@Controller('communities/:communityId/stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The cohort of cases opened in [from, to) (docs/follow-up.md) and of demands received in it
   * (`demands`, docs/demands.md "The yardsticks").
   */
  @Get()
  @ApiOperation({
    summary: 'statistics of the cases opened and the demands received in a date range',
  })
  @Can('communities.stats')
  @ApiOkResponse({ type: CommunityStatsView })
  async stats(
    @Param('communityId') communityId: string,
    @Query() q: StatsQuery,
  ): Promise<CommunityFigures> {
    return this.queries.execute(new ReadStatsQuery(communityId, rangeOf(q)));
  }

  /** The same as CSV (UTF-8 with BOM, Chinese headers): the community, then each estate. */
  @Get('export')
  @ApiOperation({ summary: 'statistics of the cases opened in a date range, as CSV' })
  @Can('communities.stats')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } })
  async export(
    @Param('communityId') communityId: string,
    @Query() q: StatsQuery,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const { communityName, csv } = await this.queries.execute(
      new ExportStatsQuery(communityId, rangeOf(q)),
    );
    res.header(
      'Content-Disposition',
      `attachment; filename="stats.csv"; filename*=UTF-8''${encodeURIComponent(`${communityName}统计.csv`)}`,
    );
    return csv;
  }
}
