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
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyRequest, type FastifyReply } from 'fastify';
import { UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';
import { EVIDENCE_EXTENSIONS, EVIDENCE_TYPES, readUpload } from '@yishi/platform';
import { Auth, Can, type RequestAuth } from '@yishi/access';
import { EVIDENCE_MAX_BYTES } from '@yishi/platform';
import { DownloadEvidenceQuery } from '../download-evidence/download-evidence.query';
import { UploadEvidenceCommand } from './upload-evidence.command';
import { evidenceFileView, EvidenceFileView } from './upload-evidence.dto';

/**
 * Task evidence as files (issue 6): a photo or PDF sent as the raw request body (any
 * Content-Type but JSON or text: the type is sniffed from the bytes), stored under
 * DATA_DIR/evidence or in the configured S3-compatible bucket, and served back to the community's
 * members. Upload and download share this controller: its name keys their OpenAPI operation ids.
 */
@ApiTags('tasks')
@Controller()
export class EvidenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(EVIDENCE_MAX_BYTES) private readonly maxBytes: number,
  ) {}

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
    const bytes = await readUpload(req, res, this.maxBytes);
    const file = await this.commands.execute(
      new UploadEvidenceCommand(taskId, bytes, {
        fileName: typeof name === 'string' ? name.normalize('NFC') : null,
        declaredType: req.headers['content-type'] ?? null,
        uploadedBy: auth.user.id,
      }),
    );
    return evidenceFileView(file);
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
    const { file, bytes } = await this.queries.execute(
      new DownloadEvidenceQuery(taskId, evidenceId),
    );
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
