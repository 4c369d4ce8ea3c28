import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError, type Party } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';

export interface ResolvedScope {
  readonly communityId: string;
  readonly parties: { leadParty?: Party | null; assigneeParty?: Party | null };
}

/** Finds the community (and the parties the table may ask about) of a resource named by a param. */
export type ScopeResolver = (id: string) => Promise<ResolvedScope | undefined>;

/**
 * Route param → its community. `communityId` is built in; feature modules register theirs
 * (`caseId`, `taskId`, `resolutionId`) with `register`. An unknown id is a 404 for everyone.
 */
@Injectable()
export class ScopeResolvers {
  private readonly resolvers = new Map<string, ScopeResolver>();

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.register('communityId', async (id) => {
      const { rowCount } = await pool.query(`SELECT 1 FROM communities WHERE id = $1`, [id]);
      return rowCount === 0 ? undefined : { communityId: id, parties: {} };
    });
  }

  register(param: string, resolver: ScopeResolver): void {
    if (this.resolvers.has(param)) throw new Error(`a scope resolver for ${param} exists`);
    this.resolvers.set(param, resolver);
  }

  async resolve(params: Record<string, string>): Promise<ResolvedScope> {
    for (const [param, resolver] of this.resolvers) {
      const id = params[param];
      if (id === undefined) continue;
      const scope = await resolver(id);
      if (scope === undefined)
        throw new NotFoundError(`No such ${param.slice(0, -2)}`, { [param]: id });
      return scope;
    }
    throw new Error(`no scope resolver for the params ${Object.keys(params).join(', ')}`);
  }
}
