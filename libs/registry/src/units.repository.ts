import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { type UnitDraft } from './unit-rows';
import { importUnits, listUnits, placeTree, type EstatePlace, type Unit } from './units';

/** The registry's units: the import, the paged list and the tree of places. */
@Injectable()
export class UnitsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  import(actorId: string, communityId: string, drafts: readonly UnitDraft[]): Promise<Unit[]> {
    return importUnits(this.pool, actorId, communityId, drafts);
  }

  list(
    communityId: string,
    page: {
      limit: number;
      offset: number;
      estate?: string | undefined;
      building?: string | undefined;
    },
  ): Promise<{ items: Unit[]; total: number }> {
    return listUnits(this.pool, communityId, page);
  }

  places(communityId: string): Promise<EstatePlace[]> {
    return placeTree(this.pool, communityId);
  }
}
