import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where evidence bytes live: on local disk under `DATA_DIR/evidence` (the default), or in a bucket
 * of an S3-compatible object store (MinIO, OSS, COS) when EVIDENCE_STORAGE=s3 (docs/follow-up.md).
 */
export interface EvidenceStorage {
  /** Stores the bytes under `key`; a retry with the same key and bytes is harmless. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under `key`; throws when there are none. */
  get(key: string): Promise<Buffer>;
}

/** `DATA_DIR/evidence/<key>`, written to a temporary file and renamed, so a reader never sees half. */
export class LocalEvidenceStorage implements EvidenceStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    // Keys are built by the platform (uuids and hex); refuse anything that could leave the root.
    if (!/^[0-9a-f-]+(\/[0-9a-f-]+)*$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${randomUUID()}.tmp`;
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, file);
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }
}

export const sha256Hex = (bytes: Buffer): string =>
  createHash('sha256').update(bytes).digest('hex');
