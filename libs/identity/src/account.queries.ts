import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { type Occupancy, type Party, type Role } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { departmentsOf, membershipsOf, type UserDepartment } from '@yishi/registry';

export interface AccountMembership {
  readonly communityId: string;
  readonly communityName: string;
  readonly roles: Role[];
  readonly party: Party | null;
  readonly unitIds: string[];
  readonly ledUnitIds: string[];
  readonly occupancy: Occupancy | null;
  readonly estates: string[];
}

/** What an account's owner reads about it. */
@Injectable()
export class AccountQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async memberships(userId: string): Promise<AccountMembership[]> {
    return (await membershipsOf(this.pool, userId)).map((m) => ({
      communityId: m.communityId,
      communityName: m.communityName,
      roles: m.roles,
      party: m.party,
      unitIds: m.unitIds,
      ledUnitIds: m.ledUnitIds,
      occupancy: m.occupancy,
      estates: m.estates,
    }));
  }

  /** The departments of streets (街道) the user works in, as dispatcher or staff. */
  departments(userId: string): Promise<UserDepartment[]> {
    return departmentsOf(this.pool, userId);
  }
}
