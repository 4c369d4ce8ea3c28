import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { insertEvidence, readEvidence, type EvidenceFile } from '@yishi/cases';

/** The rows of uploaded evidence (`evidence_files`); the bytes are in the EvidenceStorage. */
@Injectable()
export class EvidenceRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  insert(file: Omit<EvidenceFile, 'uploadedAt'>): Promise<EvidenceFile> {
    return insertEvidence(this.pool, file);
  }

  read(id: string): Promise<EvidenceFile | undefined> {
    return readEvidence(this.pool, id);
  }
}
