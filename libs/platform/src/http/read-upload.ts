import { type FastifyReply, type FastifyRequest } from 'fastify';
import { fileSizeText, PayloadTooLargeError } from '@yishi/domain';
import { declaredFarOver, readCapped } from './body-parsers';

/**
 * The raw request body of an upload (a type no body parser reads), at most `max` bytes: over it,
 * 413 in Chinese. A declared length far over the limit is refused unread, and the connection is
 * closed after the answer (the rest of the body is not waited for).
 */
export async function readUpload(
  req: FastifyRequest,
  res: FastifyReply,
  max: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new PayloadTooLargeError(`上传文件不能超过 ${fileSizeText(max)}`, { maxBytes: max });
  if (declaredFarOver(req, max)) void res.header('Connection', 'close');
  return readCapped(req, req.raw, max, tooLarge);
}
