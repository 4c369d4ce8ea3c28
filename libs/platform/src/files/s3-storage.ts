import { UnavailableError } from '@yishi/domain';
import { type EvidenceStorage } from './local-storage';
import { amzDate, sha256, signV4, uriEncode } from './sigv4';

export interface S3StorageOptions {
  /** `https://minio.example.cn:9000`, `https://oss-cn-beijing.aliyuncs.com`, … */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `endpoint/bucket/key` (MinIO's default) rather than `bucket.endpoint/key` (OSS, COS). */
  readonly pathStyle: boolean;
  /** Prepended to every key (`yishi/evidence/`), so one bucket can serve several deployments. */
  readonly prefix?: string;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

/**
 * The object store said no or did not answer: a 503 to the caller (nothing was written: the
 * evidence row is inserted only after the bytes are stored), with the store's status and error
 * code for the log, never the credentials.
 */
export class ObjectStoreError extends UnavailableError {
  constructor(what: string, status: number | null, storeCode: string) {
    super('证据存储暂不可用，未保存任何内容，请稍后重试 (the evidence store is unavailable)', {
      store: what,
      status,
      storeCode,
    });
  }
}

/**
 * Evidence in a bucket of an S3-compatible object store, signed with Signature Version 4 over
 * `fetch` (no SDK: two calls). A PUT of the same key and bytes again is harmless, as the interface
 * requires; keys are content-addressed by the caller.
 */
export class S3EvidenceStorage implements EvidenceStorage {
  private readonly base: URL;

  constructor(private readonly options: S3StorageOptions) {
    this.base = new URL(options.endpoint);
    if (!options.pathStyle) this.base.host = `${options.bucket}.${this.base.host}`;
  }

  private url(key: string): URL {
    if (!/^[0-9a-f-]+(\/[0-9a-f-]+)*$/.test(key)) throw new Error(`bad storage key ${key}`);
    const objectKey = `${this.options.prefix ?? ''}${key}`;
    const path = this.options.pathStyle ? `/${this.options.bucket}/${objectKey}` : `/${objectKey}`;
    return new URL(uriEncode(path, true), this.base);
  }

  private async send(method: 'PUT' | 'GET', key: string, body?: Buffer): Promise<Response> {
    const url = this.url(key);
    const extra: Record<string, string> =
      body === undefined
        ? {}
        : { 'content-type': 'application/octet-stream', 'content-length': String(body.length) };
    const { authorization, headers } = signV4(
      {
        method,
        url,
        headers: extra,
        payloadHash: sha256(body ?? ''),
        amzDate: amzDate((this.options.now ?? (() => new Date()))()),
      },
      { ...this.options, service: 's3' },
    );
    const { host: _host, ...sent } = headers;
    try {
      return await fetch(url, {
        method,
        headers: { ...sent, authorization },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ObjectStoreError(`${method} ${key}`, null, (error as Error).name);
    }
  }

  private static async fail(res: Response, what: string): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? 'Unknown';
    throw new ObjectStoreError(what, res.status, code);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const res = await this.send('PUT', key, bytes);
    if (!res.ok) return S3EvidenceStorage.fail(res, `PUT ${key}`);
    await res.arrayBuffer();
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.send('GET', key);
    if (!res.ok) return S3EvidenceStorage.fail(res, `GET ${key}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
