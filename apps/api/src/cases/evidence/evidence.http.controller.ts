import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  Controller,
  Get,
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
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyRequest, type FastifyReply } from 'fastify';
import { type Pool } from 'pg';
import {
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
  WrongStageError,
} from '@yishi/domain';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import {
  CaseRepository,
  EVIDENCE_EXTENSIONS,
  evidencePath,
  EVIDENCE_TYPES,
  insertEvidence,
  openEvidenceStorage,
  readEvidence,
  sha256Hex,
  sniffEvidenceType,
  taskScope,
  type EvidenceFile,
  type EvidenceStorage,
} from '@yishi/cases';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { readUpload } from './read-upload';

export class EvidenceUploadQuery {
  @ApiPropertyOptional({
    maxLength: 200,
    description: 'the original file name, kept for downloads',
  })
  name?: string;
}

export class EvidenceFileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example:
      '/api/v1/tasks/5d0e8c7a-1b2c-4d3e-8f90-a1b2c3d4e5f6/evidence/0b7c1f4e-2f7a-4d3e-9a51-3c1d2e4f5a6b',
    description: 'name it in the evidence of POST /tasks/:taskId/progress or /complete',
  })
  url!: string;
  @ApiProperty({ format: 'uuid' }) taskId!: string;
  @ApiProperty({ enum: EVIDENCE_TYPES, description: 'sniffed from the bytes, not the header' })
  contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
  @ApiProperty({ nullable: true, type: String }) fileName!: string | null;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

const view = (f: EvidenceFile): EvidenceFileView => ({
  id: f.id,
  url: evidencePath(f),
  taskId: f.taskId,
  contentType: f.contentType,
  sizeBytes: f.sizeBytes,
  sha256: f.sha256,
  fileName: f.fileName,
  uploadedAt: f.uploadedAt,
});

/**
 * Task evidence as files (issue 6): a photo or PDF sent as the raw request body (any
 * Content-Type but JSON or text: the type is sniffed from the bytes), stored under
 * DATA_DIR/evidence or in the configured S3-compatible bucket, and served back to the community's
 * members.
 */
@ApiTags('tasks')
@Controller()
export class EvidenceController {
  private readonly storage: EvidenceStorage;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly repository: CaseRepository,
  ) {
    const { config } = runtime;
    this.storage = openEvidenceStorage(
      config.s3 === undefined
        ? { kind: 'local', root: path.join(config.dataDir, 'evidence') }
        : { kind: 's3', ...config.s3 },
    );
  }

  @Post('tasks/:taskId/evidence')
  @Can('tasks.evidence')
  @ApiConsumes('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')
  @ApiBody({
    description:
      'the file itself as the body (photo: JPEG, PNG, WebP, GIF, HEIC; document: PDF); the type is sniffed from its first bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiQuery({ name: 'name', required: false, description: 'the original file name' })
  @ApiCreatedResponse({ type: EvidenceFileView })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'UNSUPPORTED_MEDIA_TYPE: not a photo or PDF (by its bytes)',
  })
  async upload(
    @Auth() auth: RequestAuth,
    @Param('taskId') taskId: string,
    @Query('name') name: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<EvidenceFileView> {
    if (name !== undefined && (typeof name !== 'string' || name.length > 200 || name === ''))
      throw new ValidationError('文件名须为 1 到 200 个字符', {
        fields: [{ field: 'name', problems: ['1 to 200 characters'] }],
      });
    // A JSON or text body was parsed already: it is not a photo or a document we keep.
    if (req.body !== undefined)
      throw new UnsupportedMediaTypeError('请上传照片（JPEG/PNG/WebP/GIF/HEIC）或 PDF 文件', {
        allowed: EVIDENCE_TYPES,
      });
    const bytes = await readUpload(req, res, this.runtime.config.evidenceMaxBytes);
    if (bytes.length === 0)
      throw new ValidationError('上传的文件是空的', {
        fields: [{ field: 'body', problems: ['empty'] }],
      });
    const contentType = sniffEvidenceType(bytes);
    if (contentType === undefined)
      throw new UnsupportedMediaTypeError('请上传照片（JPEG/PNG/WebP/GIF/HEIC）或 PDF 文件', {
        allowed: EVIDENCE_TYPES,
        declared: req.headers['content-type'] ?? null,
      });
    const scope = await taskScope(this.pool, taskId);
    if (scope === undefined) throw new NotFoundError('找不到该任务', { taskId });
    const { state } = await this.repository.load(scope.caseId);
    const task = state?.tasks.find((t) => t.id === taskId);
    if (state === null || task === undefined) throw new NotFoundError('找不到该任务', { taskId });
    if (state.status !== 'open' || task.status !== 'open')
      throw new WrongStageError('只能为未完成的任务上传佐证', {
        taskStatus: task.status,
        caseStatus: state.status,
      });
    const id = randomUUID();
    const storageKey = `${scope.communityId}/${id}`;
    await this.storage.put(storageKey, bytes);
    const file = await insertEvidence(this.pool, {
      id,
      communityId: scope.communityId,
      caseId: scope.caseId,
      taskId,
      contentType,
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      fileName: typeof name === 'string' ? name.normalize('NFC') : null,
      storageKey,
      uploadedBy: auth.user.id,
    });
    return view(file);
  }

  /** The file, with the sniffed type; never rendered as anything else by the browser. */
  // `:evidence`, not `:evidenceId`: the task (taskId) is the scope the guard resolves.
  @Get('tasks/:taskId/evidence/:evidence')
  @Can('evidence.read')
  @ApiProduces(...EVIDENCE_TYPES)
  @ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('taskId') taskId: string,
    @Param('evidence') evidenceId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const file = /^[0-9a-f-]{36}$/i.test(evidenceId)
      ? await readEvidence(this.pool, evidenceId)
      : undefined;
    if (file === undefined || file.taskId !== taskId)
      throw new NotFoundError('找不到该佐证材料', { evidenceId });
    const bytes = await this.storage.get(file.storageKey);
    const fallback = `evidence-${file.id}.${EVIDENCE_EXTENSIONS[file.contentType]}`;
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return new StreamableFile(bytes, {
      type: file.contentType,
      length: bytes.length,
      disposition: `inline; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName ?? fallback)}`,
    });
  }
}
