import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { type DemandViewer } from './demand-audience';
import { demandCommunity, type DemandDetail, mayReadDemand, readDemand } from './demand-queries';
import { type DemandListFilter, listDemands } from './list-demands/demand-list';

/** The ledger's reads over the pool: the read model, and a demand's community from the log. */
@Injectable()
export class DemandQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  list(
    communityId: string,
    viewer: DemandViewer,
    filter: DemandListFilter,
  ): ReturnType<typeof listDemands> {
    return listDemands(this.pool, communityId, viewer, filter);
  }

  view(demandId: string, viewer: DemandViewer, minVersion: number): Promise<DemandDetail> {
    return readDemand(this.pool, demandId, viewer, minVersion);
  }

  community(demandId: string): Promise<string | undefined> {
    return demandCommunity(this.pool, demandId);
  }

  mayRead(demandId: string, viewer: DemandViewer): Promise<boolean> {
    return mayReadDemand(this.pool, demandId, viewer);
  }
}
