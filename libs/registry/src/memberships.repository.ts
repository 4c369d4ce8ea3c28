import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type Role } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import {
  createMembership,
  deleteMembership,
  listMemberships,
  updateMembership,
  type MemberView,
  type Membership,
  type MembershipInput,
} from './memberships';

/** Who belongs to a community, with which roles; every change audited. */
@Injectable()
export class MembershipsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  create(
    actorId: string,
    communityId: string,
    userId: string,
    input: MembershipInput,
  ): Promise<Membership> {
    return createMembership(this.pool, actorId, communityId, userId, input);
  }

  update(
    actorId: string,
    communityId: string,
    userId: string,
    patch: Partial<MembershipInput>,
    allow: (before: Membership, after: Omit<Membership, 'communityId' | 'userId'>) => boolean,
  ): Promise<Membership> {
    return updateMembership(this.pool, actorId, communityId, userId, patch, allow);
  }

  delete(
    actorId: string,
    communityId: string,
    userId: string,
    allow: (before: Membership) => boolean,
  ): Promise<void> {
    return deleteMembership(this.pool, actorId, communityId, userId, allow);
  }

  list(
    communityId: string,
    page: { limit: number; offset: number; role?: Role | undefined; withParty?: boolean },
  ): Promise<{ items: MemberView[]; total: number }> {
    return listMemberships(this.pool, communityId, page);
  }
}
