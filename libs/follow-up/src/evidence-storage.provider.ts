import path from 'node:path';
import { type Provider } from '@nestjs/common';
import { RUNTIME, type Runtime } from '@yishi/platform';
import { openEvidenceStorage, type EvidenceStorage } from '@yishi/cases';

/** Where the evidence bytes live: DATA_DIR/evidence, or the configured S3-compatible bucket. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

export const evidenceStorageProvider: Provider<EvidenceStorage> = {
  provide: EVIDENCE_STORAGE,
  useFactory: ({ config }: Runtime) =>
    openEvidenceStorage(
      config.s3 === undefined
        ? { kind: 'local', root: path.join(config.dataDir, 'evidence') }
        : { kind: 's3', ...config.s3 },
    ),
  inject: [RUNTIME],
};

/** The largest upload taken (EVIDENCE_MAX_BYTES): the controller reads the body up to it. */
export const EVIDENCE_MAX_BYTES = Symbol('EVIDENCE_MAX_BYTES');

export const evidenceMaxBytesProvider: Provider<number> = {
  provide: EVIDENCE_MAX_BYTES,
  useFactory: ({ config }: Runtime) => config.evidenceMaxBytes,
  inject: [RUNTIME],
};
