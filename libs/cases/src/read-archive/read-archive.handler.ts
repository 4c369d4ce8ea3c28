import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@yishi/domain';
import { type ConsultationArchive } from '../archive/archive';
import { CaseQueries } from '../case.queries';
import { RegistryReads } from '@yishi/registry';
import { ReadArchiveQuery } from './read-archive.query';

@QueryHandler(ReadArchiveQuery)
export class ReadArchiveHandler implements IQueryHandler<ReadArchiveQuery, ConsultationArchive> {
  constructor(
    private readonly cases: CaseQueries,
    private readonly registry: RegistryReads,
  ) {}

  async execute({ caseId }: ReadArchiveQuery): Promise<ConsultationArchive> {
    const scope = await this.cases.scope(caseId);
    if (scope === undefined) throw new NotFoundError('找不到该议题', { caseId });
    const community = await this.registry.community(scope.communityId);
    return this.cases.archive(caseId, { id: community.id, name: community.name });
  }
}
