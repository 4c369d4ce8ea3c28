import { Query } from '@nestjs/cqrs';
import { type Role } from '@yishi/domain';
import { type MemberView } from '../memberships';

export class ListMembershipsQuery extends Query<{ items: MemberView[]; total: number }> {
  constructor(
    readonly communityId: string,
    readonly page: { limit: number; offset: number; role?: Role | undefined; withParty?: boolean },
  ) {
    super();
  }
}
