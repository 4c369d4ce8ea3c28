import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { setPropertyCompany, type EstateView } from './estates';

/** The registry's estates (小区): the property company each names, every change audited. */
@Injectable()
export class EstatesRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  setPropertyCompany(
    actorId: string,
    communityId: string,
    estateId: string,
    name: string | null,
  ): Promise<EstateView> {
    return setPropertyCompany(this.pool, actorId, communityId, estateId, name);
  }
}
