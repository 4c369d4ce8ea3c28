import { Body, Controller, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import { hasContentType, OperationId } from '@yishi/platform';
import { ImportUnitsResponse, ImportUnitsSchema } from '../registry.dto';
import { ImportUnitsCommand } from './import-units.command';

@ApiTags('registry')
@Controller('communities/:communityId/units')
export class ImportUnitsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @OperationId('UnitsController_import')
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
    let given: { csv: string } | { json: unknown };
    if (hasContentType(req.headers['content-type'], 'text/csv')) {
      if (typeof body !== 'string') throw new ValidationError('CSV 内容是空的', { field: 'body' });
      given = { csv: body };
    } else if (hasContentType(req.headers['content-type'], 'application/json'))
      given = { json: body };
    else throw new UnsupportedMediaTypeError('Send application/json or text/csv');
    const units = await this.commands.execute(
      new ImportUnitsCommand(auth.user.id, communityOf(auth), given),
    );
    return { created: units.length, units };
  }
}
