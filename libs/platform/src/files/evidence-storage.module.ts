import path from 'node:path';
import { Module, type Provider } from '@nestjs/common';
import { type Runtime } from '../runtime';
import { RUNTIME } from '../tokens';
import { type EvidenceStorage } from './local-storage';
import { openEvidenceStorage } from './storage';

/** Where uploaded files' bytes live: DATA_DIR/evidence, or the configured S3-compatible bucket. */
export const EVIDENCE_STORAGE = Symbol('EVIDENCE_STORAGE');

/** The largest upload taken (EVIDENCE_MAX_BYTES): a controller reads the body up to it. */
export const EVIDENCE_MAX_BYTES = Symbol('EVIDENCE_MAX_BYTES');

const providers: Provider[] = [
  {
    provide: EVIDENCE_STORAGE,
    useFactory: ({ config }: Runtime): EvidenceStorage =>
      openEvidenceStorage(
        config.s3 === undefined
          ? { kind: 'local', root: path.join(config.dataDir, 'evidence') }
          : { kind: 's3', ...config.s3 },
      ),
    inject: [RUNTIME],
  },
  {
    provide: EVIDENCE_MAX_BYTES,
    useFactory: ({ config }: Runtime): number => config.evidenceMaxBytes,
    inject: [RUNTIME],
  },
];

/** The store of uploaded files (task evidence, and every feature that takes photos). */
@Module({ providers, exports: providers })
export class EvidenceStorageModule {}
