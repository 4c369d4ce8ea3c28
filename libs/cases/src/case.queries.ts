import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { PG_POOL } from '@yishi/platform';
import { buildArchive, type ConsultationArchive } from './archive/archive';
import {
  type CaseListFilter,
  listCases,
  readCaseOpinions,
  readCaseView,
  readTimeline,
} from './case-queries';
import { type CaseView } from './case-view';
import { caseScope, caseUnitScope, taskScope } from './scope';
import { communityStats, type CommunityStats } from './stats/stats-query';
import { type StatsRange } from './stats/stats';

/** The case reads over the pool: read models, the scopes from the log, stats and the archive. */
@Injectable()
export class CaseQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  list(communityId: string, filter: CaseListFilter): ReturnType<typeof listCases> {
    return listCases(this.pool, communityId, filter);
  }

  view(caseId: string, minVersion: number): Promise<CaseView> {
    return readCaseView(this.pool, caseId, minVersion);
  }

  timeline(caseId: string): ReturnType<typeof readTimeline> {
    return readTimeline(this.pool, caseId);
  }

  opinions(caseId: string): ReturnType<typeof readCaseOpinions> {
    return readCaseOpinions(this.pool, caseId);
  }

  scope(caseId: string): ReturnType<typeof caseScope> {
    return caseScope(this.pool, caseId);
  }

  unitScope(caseId: string): ReturnType<typeof caseUnitScope> {
    return caseUnitScope(this.pool, caseId);
  }

  taskScope(taskId: string): ReturnType<typeof taskScope> {
    return taskScope(this.pool, taskId);
  }

  stats(
    communityId: string,
    range: StatsRange & { readonly estate?: string | null },
  ): Promise<CommunityStats> {
    return communityStats(this.pool, communityId, range);
  }

  archive(caseId: string, community: { id: string; name: string }): Promise<ConsultationArchive> {
    return buildArchive(this.pool, caseId, community);
  }
}
