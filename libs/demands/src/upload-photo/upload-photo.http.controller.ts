import { Controller, Get, Inject, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Auth, Can, communityOf, type RequestAuth } from '@yishi/access';
import { EVIDENCE_MAX_BYTES } from '@yishi/platform';
import { DemandCallers } from '../demand-caller';
import { ReadUploadQuery } from '../read-upload/read-upload.query';
import { PhotoDownloadDocs, photoBody, photoFile, PhotoUploadDocs } from './photo-http';
import { UploadPhotoCommand } from './upload-photo.command';
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
  @PhotoUploadDocs()
  @ApiCreatedResponse({ type: UploadedPhotoView })
  async upload(
    @Auth() auth: RequestAuth,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<UploadedPhotoView> {
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
  @Get('uploads/:uploadId')
  @Can('uploads.read')
  @PhotoDownloadDocs()
  async download(
    @Auth() auth: RequestAuth,
    @Param('uploadId') uploadId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const { upload, bytes } = await this.queries.execute(
      new ReadUploadQuery(uploadId, await this.callers.of(auth)),
    );
    return photoFile(res, { id: upload.id, contentType: upload.contentType, bytes });
  }
}
