import path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { LocalEvidenceStorage, RUNTIME, type EvidenceStorage, type Runtime } from '@yishi/platform';

/**
 * The scans of binding requests: on local disk beside the community's task evidence
 * (`DATA_DIR/evidence`, keys are hex paths); only `unit_binding_requests` names them.
 */
@Injectable()
export class BindingEvidenceStore {
  private readonly storage: EvidenceStorage;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.storage = new LocalEvidenceStorage(path.join(runtime.config.dataDir, 'evidence'));
  }

  put(key: string, bytes: Buffer): Promise<void> {
    return this.storage.put(key, bytes);
  }

  get(key: string): Promise<Buffer> {
    return this.storage.get(key);
  }
}
