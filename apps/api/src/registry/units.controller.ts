import { Body, Controller, Get, Inject, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { hasContentType } from '@yishi/platform';
import { type Pool } from 'pg';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import {
  csvToUnitRows,
  importUnits,
  listUnits,
  parseCsv,
  placeTree,
  UNIT_FIELDS,
  validateUnitRows,
  type UnitRow,
} from '@yishi/registry';
import {
  ImportUnitsResponse,
  ImportUnitsSchema,
  PlaceTree,
  UnitPage,
  UnitsQuery,
} from './registry.dto';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';

/** `{units: [...]}` → rows; anything else about the body is named in a 400. */
function jsonRows(body: unknown): UnitRow[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ValidationError('提交的内容须为 {units: [...]} 形式', {
      fields: [{ field: 'units', problems: ['missing'] }],
    });
  const extra = Object.keys(body).filter((k) => k !== 'units');
  if (extra.length > 0)
    throw new ValidationError('提交的内容有误，请按提示修改后再提交', {
      fields: extra.map((field) => ({ field, problems: [`property ${field} should not exist`] })),
    });
  const units = (body as { units?: unknown }).units;
  if (!Array.isArray(units))
    throw new ValidationError('units 须为列表', {
      fields: [{ field: 'units', problems: ['must be an array'] }],
    });
  return units.map((u: unknown, i) => {
    const row = i + 1;
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      throw new ValidationError(`第 ${row} 行房屋：格式不正确`, {
        row,
        field: `units[${i}]`,
      });
    const unknown = Object.keys(u).filter((k) => !(UNIT_FIELDS as readonly string[]).includes(k));
    if (unknown.length > 0)
      throw new ValidationError(`第 ${row} 行房屋：不能包含字段 ${unknown[0]}`, {
        row,
        field: unknown[0],
        problem: 'should not exist',
      });
    return { row, values: u as Record<string, unknown> };
  });
}

@ApiTags('registry')
@Controller('communities/:communityId/units')
export class UnitsController {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Post()
  @Can('units.import')
  @ApiConsumes('application/json', 'text/csv')
  @ApiExtraModels(ImportUnitsSchema)
  @ApiBody({
    description:
      'JSON {units: [...]} or CSV (UTF-8, BOM optional) with the header estate,building,entrance,room,area or 小区,楼栋,单元,房号,面积. One bad row rejects the whole import with a 400 naming the row and field.',
    schema: { $ref: getSchemaPath(ImportUnitsSchema) },
  })
  @ApiCreatedResponse({ type: ImportUnitsResponse })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: a unit is already registered (row named)' })
  async import(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Body() body: unknown,
  ): Promise<ImportUnitsResponse> {
    let rows: UnitRow[];
    if (hasContentType(req.headers['content-type'], 'text/csv')) {
      if (typeof body !== 'string') throw new ValidationError('CSV 内容是空的', { field: 'body' });
      rows = csvToUnitRows(parseCsv(body));
    } else if (hasContentType(req.headers['content-type'], 'application/json'))
      rows = jsonRows(body);
    else throw new UnsupportedMediaTypeError('Send application/json or text/csv');
    const units = await importUnits(
      this.pool,
      auth.user.id,
      communityOf(auth),
      validateUnitRows(rows),
    );
    return { created: units.length, units };
  }

  @Get()
  @Can('units.list')
  @ApiOkResponse({ type: UnitPage })
  list(@Param('communityId') communityId: string, @Query() query: UnitsQuery): Promise<UnitPage> {
    return listUnits(this.pool, communityId, {
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
      estate: query.estate,
      building: query.building,
    });
  }

  /**
   * The places of the registry (estate → building → entrance) in one small answer, so a phone picks
   * a case's scope without paging through every unit (10,000 units: 100 pages of `GET …/units`).
   */
  @Get('places')
  @Can('units.list')
  @ApiOperation({
    summary: "the community's estates, buildings and entrances (with unit counts), as a tree",
    description:
      "Only places that hold registered units; names sorted as people count (2号楼 before 10号楼). For picking a scope (e.g. a case's).",
  })
  @ApiOkResponse({ type: PlaceTree })
  async places(@Param('communityId') communityId: string): Promise<PlaceTree> {
    return { items: await placeTree(this.pool, communityId) };
  }
}
