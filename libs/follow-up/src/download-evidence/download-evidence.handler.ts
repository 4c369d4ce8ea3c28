import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@yishi/domain';
import { type EvidenceFile } from '@yishi/cases';
import { EvidenceRepository } from '../evidence.repository';
import { EVIDENCE_STORAGE } from '@yishi/platform';
import { DownloadEvidenceQuery } from './download-evidence.query';
import { type EvidenceStorage } from '@yishi/platform';

@QueryHandler(DownloadEvidenceQuery)
export class DownloadEvidenceHandler implements IQueryHandler<
  DownloadEvidenceQuery,
  { file: EvidenceFile; bytes: Buffer }
> {
  constructor(
    private readonly evidence: EvidenceRepository,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({
    taskId,
    evidenceId,
  }: DownloadEvidenceQuery): Promise<{ file: EvidenceFile; bytes: Buffer }> {
    const file = /^[0-9a-f-]{36}$/i.test(evidenceId)
      ? await this.evidence.read(evidenceId)
      : undefined;
    if (file === undefined || file.taskId !== taskId)
      throw new NotFoundError('找不到该佐证材料', { evidenceId });
    return { file, bytes: await this.storage.get(file.storageKey) };
  }
}
