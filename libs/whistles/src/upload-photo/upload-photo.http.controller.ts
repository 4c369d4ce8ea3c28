import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { PHOTO_TYPES, UploadPhotoCommand } from '@yishi/demands';
import { UnsupportedMediaTypeError } from '@yishi/domain';
import { EVIDENCE_MAX_BYTES, readUpload } from '@yishi/platform';
import { WhistleUploadedPhotoView } from './upload-photo.dto';

/**
 * A department member's photo for a check-in (报到) or an answer (反馈): the demand's upload (the
 * raw body, its type sniffed from the bytes, stored in the evidence store), made for the whistle's
 * community, since the department's people are no members of it.
 */
@ApiTags('whistles')
@Controller('whistles/:whistleId/uploads')
export class WhistleUploadsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVIDENCE_MAX_BYTES) private readonly maxBytes: number,
  ) {}

  @Post()
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
}
