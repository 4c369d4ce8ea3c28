import { Body, Controller, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { UnsupportedMediaTypeError } from '@yishi/domain';
import { hasContentType } from '@yishi/platform';
import { ImportHotlineTicketsCommand } from './import-hotline.command';
import { HotlineImportResponse, HotlineTicketsSchema } from './import-hotline.dto';

@ApiTags('demands')
@Controller('communities/:communityId/demands/import')
export class ImportHotlineTicketsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Can('demands.import')
  @ApiConsumes('text/csv', 'application/json')
  @ApiExtraModels(HotlineTicketsSchema)
  @ApiBody({
    description:
      'CSV (UTF-8, BOM optional; GBK refused) with the header 工单编号,受理时间,诉求内容,诉求类别,地址[,办理时限] or ticketNumber,receivedAt,content,category,address[,dueAt], any order; or JSON, an array of tickets or {tickets: [...]}. At most 5,000 tickets.',
    schema: { $ref: getSchemaPath(HotlineTicketsSchema) },
  })
  @ApiCreatedResponse({ type: HotlineImportResponse })
  @ApiBadRequestResponse({
    description:
      'VALIDATION_FAILED: one bad row refuses the whole file (details.problems: {row, line?, field, problem}); nothing written',
  })
  async import(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Body() body: unknown,
  ): Promise<HotlineImportResponse> {
    const type = req.headers['content-type'] ?? '';
    if (!hasContentType(type, 'text/csv') && !hasContentType(type, 'application/json'))
      throw new UnsupportedMediaTypeError('工单只接受 text/csv 或 application/json', {
        contentType: type,
      });
    const result = await this.commands.execute(
      new ImportHotlineTicketsCommand(communityOf(auth), auth.user.id, type, body),
    );
    return {
      imported: result.imported,
      duplicates: result.duplicates,
      unmatched: [...result.unmatched],
      demands: [...result.demands],
    };
  }
}
