import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { DemandCallers } from '../demand-caller';
import { ListDemandsQuery } from './list-demands.query';
import { DemandListQuery } from './list-demands.request.dto';
import { DemandList } from './list-demands.response.dto';

/** Rows of one CSV export when no `limit` is given. */
const CSV_ROWS = 10_000;

/** The ledger (诉求台账), as JSON or, with `Accept: text/csv`, as a spreadsheet. */
@ApiTags('demands')
@Controller('communities/:communityId/demands')
export class ListDemandsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly callers: DemandCallers,
  ) {}

  @Get()
  @Can('demands.list')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: DemandList,
    description: 'with `Accept: text/csv`: CSV (UTF-8 with BOM, Chinese headers)',
  })
  async list(
    @Auth() auth: RequestAuth,
    @Query() q: DemandListQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<DemandList | string> {
    const csv = accept !== undefined && /\btext\/csv\b/i.test(accept);
    const page = await this.queries.execute(
      new ListDemandsQuery(
        await this.callers.of(auth),
        {
          status: q.status,
          gridId: q.gridId,
          category: q.category,
          source: q.source,
          overdue: q.overdue,
          q: q.q,
          from: q.from,
          to: q.to,
          sort: q.sort,
          limit: q.limit ?? (csv ? CSV_ROWS : 50),
          offset: q.offset ?? 0,
          cursor: q.cursor,
        },
        csv,
      ),
    );
    if (page.csv === undefined)
      return {
        items: page.items,
        total: page.total,
        totalExact: page.totalExact,
        nextCursor: page.nextCursor,
      };
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header(
      'Content-Disposition',
      `attachment; filename="demands.csv"; filename*=UTF-8''${encodeURIComponent('诉求台账.csv')}`,
    );
    return page.csv;
  }
}
