import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { indexOf, type Objection } from '@yishi/domain';
import { ResolutionRepository } from '../resolution.repository';
import { ObjectionsQuery } from './resolution.query';

/** The objections of a resolution: all of them, or those filed by or about the viewer's units. */
@QueryHandler(ObjectionsQuery)
export class ObjectionsHandler implements IQueryHandler<ObjectionsQuery> {
  constructor(private readonly resolutions: ResolutionRepository) {}

  async execute({ resolutionId, viewer }: ObjectionsQuery): Promise<Objection[]> {
    const voting = await this.resolutions.open(resolutionId);
    const record = await this.resolutions.resultRecord(resolutionId);
    if (viewer.all) return [...record.objections];
    const mine = new Set(
      (indexOf(voting.electorate).byOwner.get(viewer.userId) ?? []).map((u) => u.unitId),
    );
    return record.objections.filter((o) => o.filedBy === viewer.userId || mine.has(o.unitId));
  }
}
