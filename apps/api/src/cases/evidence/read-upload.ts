import { type FastifyRequest, type FastifyReply } from 'fastify';
import { PayloadTooLargeError } from '@yishi/domain';

/** Declared lengths this far over the limit are refused without reading the body. */
const DRAIN_FACTOR = 4;

/**
 * The raw request body, at most `max` bytes. A body over the limit is read to its end and thrown
 * away (so the client gets its 413 rather than a reset connection), unless its declared length is
 * far over, when the connection is closed after the answer.
 */
export async function readUpload(
  req: FastifyRequest,
  res: FastifyReply,
  max: number,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () =>
    new PayloadTooLargeError(`上传文件不能超过 ${max} 字节`, { maxBytes: max });
  if (Number.isFinite(declared) && declared > max * DRAIN_FACTOR) {
    res.header('Connection', 'close');
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.raw as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  if (size > max) throw tooLarge();
  return Buffer.concat(chunks);
}
