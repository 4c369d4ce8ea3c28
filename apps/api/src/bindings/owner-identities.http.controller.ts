import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
  ApiOperation,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { hasContentType } from '@yishi/platform';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import {
  csvToOwnerIdentityRows,
  importOwnerIdentities,
  listOwnerIdentities,
  parseCsv,
  recordOwnerIdentity,
  type BindingHasher,
  type OwnerIdentityRow,
} from '@yishi/registry';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { BINDING_HASHER } from './binding-hasher';
import {
  ImportOwnerIdentitiesResponse,
  ImportOwnerIdentitiesSchema,
  OwnerIdentityList,
  OwnerIdentityRequest,
  OwnerIdentityView,
} from './bindings.dto';

/**
 * The registry side of real-name binding: the secretary records each owner of a unit by the
 * certificate and ID numbers, which are hashed at once and never shown again.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/units/:unitId/owner-identities')
export class OwnerIdentitiesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'record an owner of a unit (实名绑定; numbers kept as salted hashes only)',
  })
  @Can('owner-identities.record')
  @ApiCreatedResponse({ type: OwnerIdentityView })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: details.reason ID_NUMBER_CHECKSUM, ID_NUMBER_INVALID or CERTIFICATE_NUMBER_INVALID',
  })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: this owner is recorded for the unit' })
  record(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
    @Body() body: OwnerIdentityRequest,
  ): Promise<OwnerIdentityView> {
    return recordOwnerIdentity(
      this.pool,
      this.hasher,
      communityOf(auth),
      auth.user.id,
      unitId,
      body,
    );
  }

  @Get()
  @Can('owner-identities.list')
  @ApiOkResponse({ type: OwnerIdentityList })
  async list(
    @Auth() auth: RequestAuth,
    @Param('unitId') unitId: string,
  ): Promise<OwnerIdentityList> {
    return { items: await listOwnerIdentities(this.pool, communityOf(auth), unitId) };
  }
}

function jsonOwnerRows(body: unknown): OwnerIdentityRow[] {
  const owners = (body as { owners?: unknown } | null)?.owners;
  if (typeof body !== 'object' || body === null || !Array.isArray(owners))
    throw new ValidationError('提交的内容须为 {owners: [...]} 形式', {
      fields: [{ field: 'owners', problems: ['must be an array'] }],
    });
  return owners.map((o, i) => ({
    row: i + 1,
    values: typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : {},
  }));
}

/**
 * The registry's owners in bulk: a CSV (UTF-8, BOM optional; header estate,building,entrance,
 * room,certificateNumber,idNumber or 小区,楼栋,单元,房号,不动产权证号,身份证号) or JSON
 * `{owners: [...]}`; all rows or none. The numbers are hashed at once, and no answer names them.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/owner-identities')
export class OwnerIdentitiesImportController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(BINDING_HASHER) private readonly hasher: BindingHasher,
  ) {}

  @Post()
  @ApiOperation({ summary: 'import owner records, JSON or CSV (实名绑定; salted hashes only)' })
  @Can('owner-identities.record')
  @ApiConsumes('application/json', 'text/csv')
  @ApiExtraModels(ImportOwnerIdentitiesSchema)
  @ApiBody({
    description:
      'JSON {owners: [...]} or CSV with the header estate,building,entrance,room,certificateNumber,idNumber (or 小区,楼栋,单元,房号,不动产权证号,身份证号). A bad row rejects the whole import with a 400 naming the row and field, never the value.',
    schema: { $ref: getSchemaPath(ImportOwnerIdentitiesSchema) },
  })
  @ApiCreatedResponse({ type: ImportOwnerIdentitiesResponse })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: an owner is recorded already (row named)' })
  async import(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Body() body: unknown,
  ): Promise<ImportOwnerIdentitiesResponse> {
    let rows: OwnerIdentityRow[];
    if (hasContentType(req.headers['content-type'], 'text/csv')) {
      if (typeof body !== 'string') throw new ValidationError('CSV 内容是空的', { field: 'body' });
      rows = csvToOwnerIdentityRows(parseCsv(body));
    } else if (hasContentType(req.headers['content-type'], 'application/json'))
      rows = jsonOwnerRows(body);
    else throw new UnsupportedMediaTypeError('Send application/json or text/csv');
    return importOwnerIdentities(this.pool, this.hasher, communityOf(auth), auth.user.id, rows);
  }
}
