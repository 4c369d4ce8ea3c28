import { Body, Controller, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import { hasContentType } from '@yishi/platform';
import {
  ImportOwnerIdentitiesResponse,
  ImportOwnerIdentitiesSchema,
} from '../bindings/bindings.dto';
import { ImportOwnerIdentitiesCommand } from './import-owner-identities.command';

/**
 * The registry's owners in bulk: a CSV (UTF-8, BOM optional; header estate,building,entrance,
 * room,certificateNumber,idNumber or 小区,楼栋,单元,房号,不动产权证号,身份证号) or JSON
 * `{owners: [...]}`; all rows or none. The numbers are hashed at once, and no answer names them.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/owner-identities')
export class OwnerIdentitiesImportController {
  constructor(private readonly commands: CommandBus) {}

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
  import(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Body() body: unknown,
  ): Promise<ImportOwnerIdentitiesResponse> {
    let given: { csv: string } | { json: unknown };
    if (hasContentType(req.headers['content-type'], 'text/csv')) {
      if (typeof body !== 'string') throw new ValidationError('CSV 内容是空的', { field: 'body' });
      given = { csv: body };
    } else if (hasContentType(req.headers['content-type'], 'application/json'))
      given = { json: body };
    else throw new UnsupportedMediaTypeError('Send application/json or text/csv');
    return this.commands.execute(
      new ImportOwnerIdentitiesCommand(communityOf(auth), auth.user.id, given),
    );
  }
}
