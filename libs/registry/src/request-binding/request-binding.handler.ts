import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@yishi/domain';
import { sha256Hex, sniffEvidenceType } from '@yishi/platform';
import { BindingEvidenceStore } from '../bindings/binding-evidence.store';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { type BindingRequestView } from '../bindings/binding-views';
import { RequestBindingCommand } from './request-binding.command';
import { unsupportedEvidence } from './unsupported-evidence';

@CommandHandler(RequestBindingCommand)
export class RequestBindingHandler implements ICommandHandler<
  RequestBindingCommand,
  BindingRequestView
> {
  constructor(
    private readonly requests: BindingRequestsRepository,
    private readonly evidence: BindingEvidenceStore,
  ) {}

  async execute(m: RequestBindingCommand): Promise<BindingRequestView> {
    if (m.bytes.length === 0)
      throw new ValidationError('上传的文件是空的', {
        fields: [{ field: 'body', problems: ['empty'] }],
      });
    const contentType = sniffEvidenceType(m.bytes);
    if (contentType === undefined) throw unsupportedEvidence();
    // Checked before the scan is stored, so a refused request leaves no file behind.
    await this.requests.check(m.communityId, m.userId, m.unitId);
    const storageKey = `${m.communityId}/${randomUUID()}`;
    await this.evidence.put(storageKey, m.bytes);
    return this.requests.create({
      communityId: m.communityId,
      userId: m.userId,
      unitId: m.unitId.toLowerCase(),
      evidence: {
        storageKey,
        contentType,
        sizeBytes: m.bytes.length,
        sha256: sha256Hex(m.bytes),
        fileName: m.fileName,
      },
    });
  }
}
