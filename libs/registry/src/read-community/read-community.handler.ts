import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Community } from '../communities';
import { CommunitiesRepository } from '../communities.repository';
import { ReadCommunityQuery } from './read-community.query';

@QueryHandler(ReadCommunityQuery)
export class ReadCommunityHandler implements IQueryHandler<ReadCommunityQuery, Community> {
  constructor(private readonly communities: CommunitiesRepository) {}

  execute(m: ReadCommunityQuery): Promise<Community> {
    return this.communities.find(m.communityId);
  }
}
