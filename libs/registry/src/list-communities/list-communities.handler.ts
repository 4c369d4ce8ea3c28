import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Community } from '../communities';
import { CommunitiesRepository } from '../communities.repository';
import { ListCommunitiesQuery } from './list-communities.query';

@QueryHandler(ListCommunitiesQuery)
export class ListCommunitiesHandler implements IQueryHandler<ListCommunitiesQuery, Community[]> {
  constructor(private readonly communities: CommunitiesRepository) {}

  execute(m: ListCommunitiesQuery): Promise<Community[]> {
    return this.communities.list(m.user);
  }
}
