import {
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Can, NoIdempotency } from '@yishi/access';
import {
  assertStorableJson,
  NotFoundError,
  PayloadTooLargeError,
  ValidationError,
} from '@yishi/domain';
import { hasContentType, readCapped } from '@yishi/platform';
import {
  OPEN311_CONTENT_TYPES,
  parseFormat,
  parseRequestsFilter,
  queryValue,
  type Open311Format,
} from './georeport';
import { discoveryDocument, requestsDocument, servicesDocument } from './georeport-documents';
import { Open311ExceptionFilter } from './open311.exception-filter';
import {
  Open311RequestQuery,
  Open311RequestsQuery,
  Open311ServicesQuery,
} from './open311-reads.query';
import { SubmitOpen311RequestCommand } from './submit-open311-request.command';

/** A form is a few fields; a 4,000-character description percent-encoded is under 40 KB. */
const MAX_FORM_BYTES = 128 * 1024;

/** Changes when the services (the ledger's categories) change: the discovery's changeset. */
const CHANGESET = '2026-12-07T00:00:00+08:00';

/**
 * Open311 GeoReport v2 at /open311/v2 (outside /api/v1: its contract is the spec's, and 311 apps,
 * dashboards and scripts are pointed at it as they are at any city's). The format is the path's
 * extension; errors are the spec's arrays (Open311ExceptionFilter). Not in the OpenAPI document,
 * which describes /api/v1. docs/demands.md, "Open311".
 */
@ApiExcludeController()
@UseFilters(Open311ExceptionFilter)
@Controller('open311/v2')
export class GeoReportController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('discovery.:format')
  @Can('open311.read')
  discovery(
    @Param('format') extension: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): string {
    const format = answerAs(res, extension);
    return discoveryDocument(
      {
        changeset: CHANGESET,
        contact: '请联系所在社区的党组织书记（社区居委会）',
        key_service:
          '提交诉求的 api_key 由社区书记在议事平台签发（POST /api/v1/communities/{社区编号}/open311-keys），密钥只显示一次',
        endpoints: [
          {
            specification: 'http://wiki.open311.org/GeoReport_v2',
            url: `${req.protocol}://${req.host}/open311/v2`,
            changeset: CHANGESET,
            type: 'production',
            formats: [
              OPEN311_CONTENT_TYPES.xml.split(';')[0]!,
              OPEN311_CONTENT_TYPES.json.split(';')[0]!,
            ],
          },
        ],
      },
      format,
    );
  }

  @Get('services.:format')
  @Can('open311.read')
  async services(
    @Param('format') extension: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const format = answerAs(res, extension, query);
    const services = await this.queries.execute(
      new Open311ServicesQuery(queryValue(query, 'jurisdiction_id') ?? null),
    );
    return servicesDocument(services, format);
  }

  @Get('requests.:format')
  @Can('open311.read')
  async requests(
    @Param('format') extension: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const format = answerAs(res, extension, query);
    const found = await this.queries.execute(
      new Open311RequestsQuery(
        queryValue(query, 'jurisdiction_id') ?? null,
        parseRequestsFilter(query, Date.now()),
      ),
    );
    return requestsDocument(found, format);
  }

  @Get('requests/:serviceRequest.:format')
  @Can('open311.read')
  async request(
    @Param('serviceRequest') serviceRequestId: string,
    @Param('format') extension: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const format = answerAs(res, extension, { ...query, service_request_id: serviceRequestId });
    const found = await this.queries.execute(
      new Open311RequestQuery(queryValue(query, 'jurisdiction_id') ?? null, serviceRequestId),
    );
    return requestsDocument([found], format);
  }

  /** The spec's form (application/x-www-form-urlencoded); fields in the query count too. */
  @Post('requests.:format')
  @HttpCode(201)
  @NoIdempotency()
  @Can('open311.submit')
  async submit(
    @Param('format') extension: string,
    @Query() query: Record<string, unknown>,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const format = answerAs(res, extension, query);
    const fields: Record<string, string> = {};
    for (const name of Object.keys(query)) {
      const value = queryValue(query, name);
      if (value !== undefined) fields[name] = value;
    }
    Object.assign(fields, await readForm(req));
    const created = await this.commands.execute(new SubmitOpen311RequestCommand(fields));
    return requestsDocument(
      [
        {
          service_request_id: created.serviceRequestId,
          service_notice: created.serviceNotice,
          account_id: created.accountId,
        },
      ],
      format,
    );
  }

  /** Anything else under /open311/v2 (a service definition: none, every `metadata` is false). */
  @Get('*')
  @Can('open311.read')
  notFound(): never {
    throw new NotFoundError('没有这个 Open311 接口；可用的有 discovery、services、requests');
  }
}

/**
 * The format the extension asks for (404 for another), set as the answer's type; and the query
 * checked for text PostgreSQL cannot store (the platform's own check skips /open311, whose
 * refusals are the spec's arrays).
 */
function answerAs(
  res: FastifyReply,
  extension: string,
  query: Record<string, unknown> = {},
): Open311Format {
  const format = parseFormat(extension);
  assertStorableJson(query, '$query');
  void res.header('Content-Type', OPEN311_CONTENT_TYPES[format]);
  return format;
}

/**
 * The form's fields (the first value of a repeated one), read from the body: only
 * application/x-www-form-urlencoded in UTF-8, as the spec sends it; no body is no fields.
 */
async function readForm(req: FastifyRequest): Promise<Record<string, string>> {
  const type = req.headers['content-type'];
  const declared = Number(req.headers['content-length'] ?? 0);
  if (type === undefined && !(declared > 0) && req.headers['transfer-encoding'] === undefined)
    return {};
  if (!hasContentType(type, 'application/x-www-form-urlencoded'))
    throw new ValidationError(
      '请以 application/x-www-form-urlencoded 表单提交（GeoReport v2 的格式）',
      { contentType: type ?? null },
    );
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new ValidationError('表单须以 UTF-8 编码提交', { charset });
  const bytes = await readCapped(
    req,
    req.raw,
    MAX_FORM_BYTES,
    () =>
      new PayloadTooLargeError('提交的内容太大了，描述不能超过 4000 字', {
        limitBytes: MAX_FORM_BYTES,
      }),
  );
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(bytes.toString('utf8')))
    if (!(name in fields)) fields[name] = value;
  return fields;
}
