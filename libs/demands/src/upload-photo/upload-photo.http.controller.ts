import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { UnsupportedMediaTypeError } from '@yishi/domain';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, readUpload } from '@yishi/platform';
import { DemandCallers } from '../demand-caller';
import { ReadUploadQuery } from '../read-upload/read-upload.query';
import { PHOTO_TYPES, UploadPhotoCommand } from './upload-photo.command';
import { UploadedPhotoView } from './upload-photo.dto';

/**
 * A demand's photos (docs/demands.md, "Photos"): the image as the raw request body (any
 * Content-Type but JSON or text: the type is sniffed from the bytes), stored where task evidence
 * is; served back to its uploader, and once a demand names it, to whoever may read that demand.
 * Upload and download share this controller: its name keys their OpenAPI operation ids.
 */
@ApiTags('demands')
@Controller()
export class UploadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly callers: DemandCallers,
    @Inject(EVIDENCE_MAX_BYTES) private readonly maxBytes: number,
  ) {}

  @Post('communities/:communityId/uploads')
  @Can('uploads.create')
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({
    description:
      'the photo itself as the body (JPEG, PNG or WebP); the type is sniffed from its bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: UploadedPhotoView })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'UNSUPPORTED_MEDIA_TYPE: not a JPEG, PNG or WebP photo (by its bytes)',
  })
  async upload(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<UploadedPhotoView> {
    // A JSON or text body was parsed already: it is not a photo.
    if (req.body !== undefined)
      throw new UnsupportedMediaTypeError('请上传 JPEG、PNG 或 WebP 格式的照片', {
        allowed: PHOTO_TYPES,
      });
    const bytes = await readUpload(req, res, this.maxBytes);
    const upload = await this.commands.execute(
      new UploadPhotoCommand(communityOf(auth), bytes, {
        declaredType: req.headers['content-type'] ?? null,
        uploadedBy: auth.user.id,
      }),
    );
    return { id: upload.id, contentType: upload.contentType, sizeBytes: upload.sizeBytes };
  }

  /** The photo, with its sniffed type; never rendered as anything else by the browser. */
  @Get('uploads/:uploadId')
  @Can('uploads.read')
  @ApiProduces(...PHOTO_TYPES)
  @ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  async download(
    @Auth() auth: RequestAuth,
    @Param('uploadId') uploadId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const { upload, bytes } = await this.queries.execute(
      new ReadUploadQuery(uploadId, await this.callers.of(auth)),
    );
    const ext = EVIDENCE_EXTENSIONS[upload.contentType as (typeof PHOTO_TYPES)[number]];
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "default-src 'none'; sandbox");
    res.header('Cache-Control', 'private, max-age=3600');
    return new StreamableFile(bytes, {
      type: upload.contentType,
      length: bytes.length,
      disposition: `inline; filename="photo-${upload.id}.${ext}"`,
    });
  }
}
