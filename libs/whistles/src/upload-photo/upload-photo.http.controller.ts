import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { PHOTO_TYPES, UploadPhotoCommand } from '@yishi/demands';
import { UnsupportedMediaTypeError } from '@yishi/domain';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, readUpload } from '@yishi/platform';
import { ReadWhistlePhotoQuery } from '../read-photo/read-photo.query';
import { WhistleUploadedPhotoView } from './upload-photo.dto';

/**
 * A department member's photo for a check-in (报到) or an answer (反馈): the demand's upload (the
 * raw body, its type sniffed from the bytes, stored in the evidence store), made for the whistle's
 * community, since the department's people are no members of it. Read back by whoever may read
 * the whistle once a check-in or an answer names it, and by its uploader before. Upload and
 * download share this controller, as the demands' do.
 */
@ApiTags('whistles')
@Controller('whistles/:whistleId')
export class WhistleUploadsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(EVIDENCE_MAX_BYTES) private readonly maxBytes: number,
  ) {}

  @Post('uploads')
  @Can('whistles.upload')
  @ApiConsumes(...PHOTO_TYPES)
  @ApiBody({
    description:
      'the photo itself as the body (JPEG, PNG or WebP); the type is sniffed from its bytes',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiCreatedResponse({ type: WhistleUploadedPhotoView })
  @ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' })
  @ApiUnsupportedMediaTypeResponse({
    description: 'UNSUPPORTED_MEDIA_TYPE: not a JPEG, PNG or WebP photo (by its bytes)',
  })
  async upload(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<WhistleUploadedPhotoView> {
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
  @Get('photos/:photoId')
  @Can('whistles.read')
  @ApiOperation({
    summary: "a photo of the whistle's check-ins and answers (or my own upload for it)",
  })
  @ApiProduces(...PHOTO_TYPES)
  @ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } })
  async download(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Param('photoId') photoId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const photo = await this.queries.execute(
      new ReadWhistlePhotoQuery(whistleId, communityOf(auth), photoId, auth.user.id),
    );
    const ext = EVIDENCE_EXTENSIONS[photo.contentType as (typeof PHOTO_TYPES)[number]];
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', "default-src 'none'; sandbox");
    res.header('Cache-Control', 'private, max-age=3600');
    return new StreamableFile(photo.bytes, {
      type: photo.contentType,
      length: photo.bytes.length,
      disposition: `inline; filename="photo-${photo.id}.${ext}"`,
    });
  }
}
