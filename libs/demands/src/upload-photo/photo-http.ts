import { applyDecorators, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { UnsupportedMediaTypeError } from '@yishi/domain';
import { EVIDENCE_EXTENSIONS, readUpload } from '@yishi/platform';
import { PHOTO_TYPES } from './upload-photo.command';

/**
 * What every photo route shares (a demand's uploads, a whistle's): the OpenAPI of a raw-body
 * upload and of a download, reading the body, and serving the bytes so that a browser never
 * renders them as anything but the sniffed image type.
 */
export const PhotoUploadDocs = (): ReturnType<typeof applyDecorators> =>
  applyDecorators(
    ApiConsumes(...PHOTO_TYPES),
    ApiBody({
      description:
        'the photo itself as the body (JPEG, PNG or WebP); the type is sniffed from its bytes',
      schema: { type: 'string', format: 'binary' },
    }),
    ApiPayloadTooLargeResponse({ description: 'PAYLOAD_TOO_LARGE: over EVIDENCE_MAX_BYTES' }),
    ApiUnsupportedMediaTypeResponse({
      description: 'UNSUPPORTED_MEDIA_TYPE: not a JPEG, PNG or WebP photo (by its bytes)',
    }),
  );

export const PhotoDownloadDocs = (): ReturnType<typeof applyDecorators> =>
  applyDecorators(
    ApiProduces(...PHOTO_TYPES),
    ApiOkResponse({ description: 'the bytes', schema: { type: 'string', format: 'binary' } }),
  );

/** The request's body as a photo's bytes (at most `maxBytes`); a JSON or text body is refused. */
export async function photoBody(
  req: FastifyRequest,
  res: FastifyReply,
  maxBytes: number,
): Promise<Buffer> {
  // A JSON or text body was parsed already: it is not a photo.
  if (req.body !== undefined)
    throw new UnsupportedMediaTypeError('请上传 JPEG、PNG 或 WebP 格式的照片', {
      allowed: PHOTO_TYPES,
    });
  return readUpload(req, res, maxBytes);
}

/** The photo's bytes as the response, with headers that keep it an inline image and private. */
export function photoFile(
  res: FastifyReply,
  photo: { readonly id: string; readonly contentType: string; readonly bytes: Buffer },
): StreamableFile {
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
