import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// s3rver: an S3 emulator speaking the REST protocol. It checks the access key but not a Version 4
// signature; the signature is checked against AWS's published examples in sigv4.spec.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: object) => {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
};
import { freePort } from '../../../../bench/support/processes';
import { ObjectStoreError, S3EvidenceStorage, type S3StorageOptions } from './s3-storage';

describe('S3-compatible evidence storage (against an S3 emulator)', () => {
  let dir: string;
  let server: { close(): Promise<void> };
  let options: S3StorageOptions;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yishi-s3-'));
    const port = await freePort();
    server = new S3rver({
      address: '127.0.0.1',
      port,
      directory: dir,
      silent: true,
      configureBuckets: [{ name: 'yishi-evidence' }],
    });
    await (server as unknown as { run(): Promise<unknown> }).run();
    options = {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: 'yishi-evidence',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      pathStyle: true,
      prefix: 'yishi/evidence/',
    };
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const key = '0b6c1f2e-7d1a-4f8e-9c3b-5a2d1e0f9c8b/6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
  const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200_000, 7)]);

  it('stores and returns the bytes; a second put of the same key and bytes is harmless', async () => {
    const storage = new S3EvidenceStorage(options);
    await storage.put(key, photo);
    await storage.put(key, photo);
    expect((await storage.get(key)).equals(photo)).toBe(true);
  });

  it('refused credentials: a 503 UNAVAILABLE to the caller, with the store code and no secret', async () => {
    const storage = new S3EvidenceStorage({
      ...options,
      accessKeyId: 'UNKNOWNKEY',
      secretAccessKey: 'not-the-secret',
    });
    const error = await storage.put(key, photo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ObjectStoreError);
    expect((error as ObjectStoreError).code).toBe('UNAVAILABLE');
    expect((error as ObjectStoreError).details).toMatchObject({
      status: 403,
      storeCode: 'InvalidAccessKeyId',
    });
    expect(JSON.stringify((error as ObjectStoreError).details)).not.toContain('not-the-secret');
  });

  it('a missing object and a store that does not answer are errors, never empty bytes', async () => {
    const missing = await new S3EvidenceStorage(options)
      .get('00000000-0000-4000-8000-000000000000')
      .catch((e: unknown) => e);
    expect((missing as ObjectStoreError).details).toMatchObject({
      status: 404,
      storeCode: 'NoSuchKey',
    });
    const down = await new S3EvidenceStorage({
      ...options,
      endpoint: `http://127.0.0.1:${await freePort()}`,
    })
      .put(key, photo)
      .catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ObjectStoreError);
    expect((down as ObjectStoreError).details).toMatchObject({ status: null });
  });

  it('refuses keys that are not the platform’s own', async () => {
    await expect(new S3EvidenceStorage(options).get('../etc/passwd')).rejects.toThrow(
      'bad storage key',
    );
  });
});
