import { type EvidenceStorage, LocalEvidenceStorage } from './local-storage';
import { S3EvidenceStorage, type S3StorageOptions } from './s3-storage';

/** Where the configuration puts evidence: `DATA_DIR/evidence`, or a bucket (EVIDENCE_STORAGE=s3). */
export type EvidenceStoreConfig =
  { readonly kind: 'local'; readonly root: string } | ({ readonly kind: 's3' } & S3StorageOptions);

export function openEvidenceStorage(config: EvidenceStoreConfig): EvidenceStorage {
  return config.kind === 's3'
    ? new S3EvidenceStorage(config)
    : new LocalEvidenceStorage(config.root);
}
