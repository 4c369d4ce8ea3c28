import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  NotFoundError,
  UnsupportedMediaTypeError,
  ValidationError,
  WrongStageError,
} from '@yishi/domain';
import { CaseRepository, type EvidenceFile } from '@yishi/cases';
import { EvidenceRepository } from '../evidence.repository';
import { EVIDENCE_STORAGE } from '@yishi/platform';
import { TaskQueries } from '../task.queries';
import { UploadEvidenceCommand } from './upload-evidence.command';
import {
  EVIDENCE_TYPES,
  sha256Hex,
  sniffEvidenceType,
  type EvidenceStorage,
} from '@yishi/platform';

@CommandHandler(UploadEvidenceCommand)
export class UploadEvidenceHandler implements ICommandHandler<UploadEvidenceCommand, EvidenceFile> {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskQueries,
    private readonly evidence: EvidenceRepository,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  async execute({ taskId, bytes, upload }: UploadEvidenceCommand): Promise<EvidenceFile> {
    if (bytes.length === 0)
      throw new ValidationError('上传的文件是空的', {
        fields: [{ field: 'body', problems: ['empty'] }],
      });
    const contentType = sniffEvidenceType(bytes);
    if (contentType === undefined)
      throw new UnsupportedMediaTypeError('请上传照片（JPEG/PNG/WebP/GIF/HEIC）或 PDF 文件', {
        allowed: EVIDENCE_TYPES,
        declared: upload.declaredType,
      });
    const scope = await this.tasks.scope(taskId);
    if (scope === undefined) throw new NotFoundError('找不到该任务', { taskId });
    const { state } = await this.cases.load(scope.caseId);
    const task = state?.tasks.find((t) => t.id === taskId);
    if (state === null || task === undefined) throw new NotFoundError('找不到该任务', { taskId });
    if (state.status !== 'open' || task.status !== 'open')
      throw new WrongStageError('只能为未完成的任务上传佐证', {
        taskStatus: task.status,
        caseStatus: state.status,
      });
    const id = randomUUID();
    const storageKey = `${scope.communityId}/${id}`;
    await this.storage.put(storageKey, bytes);
    return this.evidence.insert({
      id,
      communityId: scope.communityId,
      caseId: scope.caseId,
      taskId,
      contentType,
      sizeBytes: bytes.length,
      sha256: sha256Hex(bytes),
      fileName: upload.fileName,
      storageKey,
      uploadedBy: upload.uploadedBy,
    });
  }
}
