import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BindingEvidenceStore } from '../bindings/binding-evidence.store';
import { BindingRequestsRepository } from '../bindings/binding-requests.repository';
import { type BindingEvidenceFile, ReadBindingEvidenceQuery } from './read-binding-evidence.query';

@QueryHandler(ReadBindingEvidenceQuery)
export class ReadBindingEvidenceHandler implements IQueryHandler<
  ReadBindingEvidenceQuery,
  BindingEvidenceFile
> {
  constructor(
    private readonly requests: BindingRequestsRepository,
    private readonly evidence: BindingEvidenceStore,
  ) {}

  async execute(m: ReadBindingEvidenceQuery): Promise<BindingEvidenceFile> {
    const file = await this.requests.evidence(m.communityId, m.requestId, m.viewer);
    return {
      id: file.id,
      bytes: await this.evidence.get(file.storageKey),
      contentType: file.contentType,
      fileName: file.fileName,
    };
  }
}
