import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import {
  PhotoDownloadDocs,
  photoBody,
  photoFile,
  PhotoUploadDocs,
  UploadPhotoCommand,
} from '@yishi/demands';
import { EVIDENCE_MAX_BYTES } from '@yishi/platform';
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
  @PhotoUploadDocs()
  @ApiCreatedResponse({ type: WhistleUploadedPhotoView })
  async upload(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<WhistleUploadedPhotoView> {
    const bytes = await photoBody(req, res, this.maxBytes);
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
  @PhotoDownloadDocs()
  async download(
    @Auth() auth: RequestAuth,
    @Param('whistleId') whistleId: string,
    @Param('photoId') photoId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const photo = await this.queries.execute(
      new ReadWhistlePhotoQuery(whistleId, communityOf(auth), photoId, auth.user.id),
    );
    return photoFile(res, photo);
  }
}
