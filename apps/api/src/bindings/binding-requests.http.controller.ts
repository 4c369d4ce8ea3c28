import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { type FastifyRequest, type FastifyReply } from 'fastify';
import { type Pool } from 'pg';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import { PG_POOL, readUpload, RUNTIME, type Runtime } from '@yishi/platform';
import {
  bindingRequestEvidence,
  checkBindingRequest,
  createBindingRequest,
  decideBindingRequest,
  listBindingRequests,
} from '@yishi/registry';
import {
  EVIDENCE_EXTENSIONS,
  EVIDENCE_TYPES,
  LocalEvidenceStorage,
  sha256Hex,
  sniffEvidenceType,
  type EvidenceStorage,
  type EvidenceType,
} from '@yishi/cases';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import {
  BindingDecisionView,
  BindingRequestList,
  BindingRequestsQuery,
  BindingRequestView,
  DecisionRequest,
} from './bindings.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const seesAll = (auth: RequestAuth) =>
  auth.caller.admin || (auth.membership?.roles.includes('secretary') ?? false);

/**
 * Binding by the secretary's approval: a resident who cannot match the registry's numbers (no
 * record yet, a changed certificate) asks with a scan of their certificate and ID card; the
 * secretary looks at it and approves (the resident is bound) or rejects with a reason.
 */
@ApiTags('bindings')
@Controller('communities/:communityId/binding-requests')
export class BindingRequestsController {
  private readonly storage: EvidenceStorage;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    this.storage = new LocalEvidenceStorage(path.join(runtime.config.dataDir, 'evidence'));
  }

  @Post()
  @Can('binding-requests.create')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')
  @ApiBody({
    description:
      'the scan itself as the body (photo or PDF of the certificate and ID card); the type is sniffed from its bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiQuery({ name: 'unitId', required: true, description: 'the unit to be bound to' })
  @ApiQuery({ name: 'name', required: false, description: 'the original file name' })
  @ApiCreatedResponse({ type: BindingRequestView })
  @ApiConflictResponse({ description: 'ALREADY_EXISTS: bound already, or a request is pending' })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({ description: 'UNSUPPORTED_MEDIA_TYPE: not a photo or PDF' })
  async create(
    @Auth() auth: RequestAuth,
    @Query('unitId') unitId: unknown,
    @Query('name') name: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<BindingRequestView> {
    if (typeof unitId !== 'string' || !UUID.test(unitId))
      throw new ValidationError('请选择要绑定的房屋', {
        fields: [{ field: 'unitId', problems: ['required, a UUID'] }],
      });
    if (name !== undefined && (typeof name !== 'string' || name.length > 200 || name === ''))
      throw new ValidationError('文件名须为 1 到 200 个字符', {
        fields: [{ field: 'name', problems: ['1 to 200 characters'] }],
      });
    const unsupported = () =>
      new UnsupportedMediaTypeError(
        '请上传房产证与身份证的照片（JPEG/PNG/WebP/GIF/HEIC）或 PDF 文件',
        {
          allowed: EVIDENCE_TYPES,
        },
      );
    if (req.body !== undefined) throw unsupported();
    const bytes = await readUpload(req, res, this.runtime.config.evidenceMaxBytes);
    if (bytes.length === 0)
      throw new ValidationError('上传的文件是空的', {
        fields: [{ field: 'body', problems: ['empty'] }],
      });
    const contentType = sniffEvidenceType(bytes);
    if (contentType === undefined) throw unsupported();
    const communityId = communityOf(auth);
    await checkBindingRequest(this.pool, communityId, auth.user.id, unitId);
    // Kept beside the community's task evidence (keys are hex paths); only this table names it.
    const storageKey = `${communityId}/${randomUUID()}`;
    await this.storage.put(storageKey, bytes);
    return createBindingRequest(this.pool, {
      communityId,
      userId: auth.user.id,
      unitId: unitId.toLowerCase(),
      evidence: {
        storageKey,
        contentType,
        sizeBytes: bytes.length,
        sha256: sha256Hex(bytes),
        fileName: typeof name === 'string' ? name.normalize('NFC') : null,
      },
    });
  }

  @Get()
  @Can('binding-requests.list')
  @ApiOkResponse({ type: BindingRequestList })
  async list(
    @Auth() auth: RequestAuth,
    @Query() query: BindingRequestsQuery,
  ): Promise<BindingRequestList> {
    return {
      items: await listBindingRequests(this.pool, communityOf(auth), auth.user.id, {
        all: seesAll(auth),
        status: query.status,
      }),
    };
  }

  /** The scan, with its sniffed type; never rendered as anything else by the browser. */
  @Get(':requestId/evidence')
  @Can('binding-requests.evidence')
  @ApiProduces(...EVIDENCE_TYPES)
  @ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  async evidence(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const file = await bindingRequestEvidence(this.pool, communityOf(auth), requestId, {
      userId: auth.user.id,
      all: seesAll(auth),
    });
    const bytes = await this.storage.get(file.storageKey);
    const type = file.contentType as EvidenceType;
    const fallback = `binding-${file.id}.${EVIDENCE_EXTENSIONS[type]}`;
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "default-src 'none'; sandbox");
    res.header('Cache-Control', 'private, no-store');
    return new StreamableFile(bytes, {
      type,
      length: bytes.length,
      disposition: `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName ?? fallback)}`,
    });
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'approve a binding request (binds the resident)' })
  @Can('binding-requests.decide')
  @ApiOkResponse({ type: BindingDecisionView })
  approve(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
  ): Promise<BindingDecisionView> {
    return decideBindingRequest(
      this.pool,
      communityOf(auth),
      auth.user.id,
      requestId,
      'approve',
      body.reason,
    );
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'reject a binding request, with a reason' })
  @Can('binding-requests.decide')
  @ApiOkResponse({ type: BindingDecisionView })
  reject(
    @Auth() auth: RequestAuth,
    @Param('requestId') requestId: string,
    @Body() body: DecisionRequest,
  ): Promise<BindingDecisionView> {
    return decideBindingRequest(
      this.pool,
      communityOf(auth),
      auth.user.id,
      requestId,
      'reject',
      body.reason,
    );
  }
}
