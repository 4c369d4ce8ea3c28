import { type Readable } from 'node:stream';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '@yishi/domain';

type Done = (error: Error | null, body?: unknown) => void;

export interface BodyLimits {
  /** application/json bodies (BODY_LIMIT_JSON_BYTES). */
  readonly jsonBytes: number;
  /** text/csv and text/plain bodies, the imports (BODY_LIMIT_TEXT_BYTES). */
  readonly textBytes: number;
}

/**
 * The bodies the API reads: JSON (an empty body is `{}`, as a form with no fields), CSV and plain
 * text as a string, each under its own cap (413 PAYLOAD_TOO_LARGE with `limitBytes`; malformed
 * JSON is 400). Any other type is left unread for the route: the evidence and binding uploads read
 * the raw bytes themselves, and a JSON route given something else sees no body and fails its
 * validation (400).
 */
export function registerBodyParsers(fastify: FastifyInstance, limits: BodyLimits): void {
  const parser =
    (limitBytes: number, parse: (text: string) => unknown) =>
    (request: FastifyRequest, payload: Readable, done: Done) => {
      const refused = unreadable(request);
      if (refused !== undefined) {
        done(refused);
        return;
      }
      readCapped(request, payload, limitBytes).then(
        (bytes) => {
          try {
            done(null, parse(bytes.toString('utf8')));
          } catch (error) {
            done(error as Error);
          }
        },
        (error: Error) => done(error),
      );
    };
  fastify.addContentTypeParser(
    'application/json',
    parser(limits.jsonBytes, (text) => {
      if (text.trim() === '') return {};
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ValidationError('提交的内容不是有效的 JSON，请刷新页面后再试', {
          body: 'malformed JSON',
        });
      }
    }),
  );
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    parser(limits.textBytes, (t) => t),
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}

/**
 * 415 for a body the parsers cannot read as text: a charset other than UTF-8 (its ASCII subset
 * included), or a compressed body (Content-Encoding other than identity).
 */
function unreadable(request: FastifyRequest): Error | undefined {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i
    .exec(request.headers['content-type'] ?? '')?.[1]
    ?.toLowerCase();
  if (
    encoding !== 'identity' ||
    (charset !== undefined && !['utf-8', 'utf8', 'us-ascii'].includes(charset))
  )
    return new UnsupportedMediaTypeError('不支持的编码或字符集：请以未压缩的 UTF-8 提交', {
      ...(charset === undefined ? {} : { charset }),
      ...(encoding === 'identity' ? {} : { encoding }),
    });
  return undefined;
}

/** Declared lengths this far over the cap are refused without reading the body. */
const DRAIN_FACTOR = 4;

/** Whether the request declares a body so far over `limitBytes` that it is refused unread. */
export function declaredFarOver(request: FastifyRequest, limitBytes: number): boolean {
  const declared = Number(request.headers['content-length']);
  return Number.isFinite(declared) && declared > limitBytes * DRAIN_FACTOR;
}

/**
 * The body, at most `limitBytes`, else `tooLarge()`. A body over the cap is read to its end and
 * thrown away, so the client gets its 413 rather than a reset connection, unless its declared
 * length is far over (`declaredFarOver`). A body cut off mid-way is 400.
 */
export async function readCapped(
  request: FastifyRequest,
  payload: Readable,
  limitBytes: number,
  tooLarge: () => Error = () =>
    new PayloadTooLargeError('提交的内容太大了，请删减后再试', { limitBytes }),
): Promise<Buffer> {
  if (declaredFarOver(request, limitBytes)) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    }
  } catch {
    // The client went away mid-body (or sent a broken chunked body): nothing to run.
    throw new ValidationError('提交的内容没有完整收到，请重新提交', { body: 'incomplete' });
  }
  if (size > limitBytes) throw tooLarge();
  return Buffer.concat(chunks);
}

/** Whether a Content-Type header names `type` (parameters such as charset aside). */
export function hasContentType(header: string | undefined, type: string): boolean {
  if (header === undefined) return false;
  return header.split(';')[0]!.trim().toLowerCase() === type;
}
