import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError, type Party } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { notFoundMessage } from './not-found';

export interface ResolvedScope {
  readonly communityId: string;
  readonly parties: { leadParty?: Party | null; assigneeParty?: Party | null };
}

/** Finds the community (and the parties the table may ask about) of a resource named by a param. */
export type ScopeResolver = (id: string) => Promise<ResolvedScope | undefined>;

/** Resources whose community is remembered, per process; past it the memory starts afresh. */
const REMEMBERED = 20_000;

/**
 * Route param → its community. `communityId` is built in; feature modules register theirs
 * (`caseId`, `taskId`, `resolutionId`) with `register`. An unknown id is a 404 for everyone.
 *
 * A resource's community never changes (a case, its tasks and resolutions stay in the community it
 * was opened in; communities are never deleted), so once found it is remembered: a route whose
 * rule does not ask about the resource's parties needs no query for its scope. The parties (lead,
 * assignee) do change, and are read whenever the rule asks.
 */
@Injectable()
export class ScopeResolvers {
  private readonly resolvers = new Map<string, ScopeResolver>();
  private readonly communities = new Map<string, string>();

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

  /** The scope of the first param with a resolver; `parties` when the rule asks about them. */
  async resolve(params: Record<string, string>, parties: boolean): Promise<ResolvedScope> {
    for (const [param, resolver] of this.resolvers) {
      const id = params[param];
      if (id === undefined) continue;
      const key = `${param}:${id}`;
      const known = this.communities.get(key);
      if (known !== undefined && !parties) return { communityId: known, parties: {} };
      const scope = await resolver(id);
      if (scope === undefined) throw new NotFoundError(notFoundMessage(param), { [param]: id });
      if (this.communities.size >= REMEMBERED) this.communities.clear();
      this.communities.set(key, scope.communityId);
      return scope;
    }
    throw new Error(`no scope resolver for the params ${Object.keys(params).join(', ')}`);
  }
}
