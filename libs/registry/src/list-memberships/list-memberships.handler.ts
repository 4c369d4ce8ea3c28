import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type MemberView } from '../memberships';
import { MembershipsRepository } from '../memberships.repository';
import { ListMembershipsQuery } from './list-memberships.query';

@QueryHandler(ListMembershipsQuery)
export class ListMembershipsHandler implements IQueryHandler<
  ListMembershipsQuery,
  { items: MemberView[]; total: number }
> {
  constructor(private readonly memberships: MembershipsRepository) {}

  execute(m: ListMembershipsQuery): Promise<{ items: MemberView[]; total: number }> {
    return this.memberships.list(m.communityId, m.page);
  }
}
