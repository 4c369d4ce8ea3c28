import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError, type Party } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { notFoundMessage } from './not-found';

export interface ResolvedScope {
  readonly communityId: string;
  /** The parties the table may ask about, and a case's handler (经办人). */
  readonly parties: {
    leadParty?: Party | null;
    assigneeParty?: Party | null;
    handlerId?: string | null;
  };
}

/** Finds the community (and the parties the table may ask about) of a resource named by a param. */
export type ScopeResolver = (id: string) => Promise<ResolvedScope | undefined>;

/** The street a request is about, and the departments of it the request names. */
export interface StreetScope {
  readonly streetId: string;
  /**
   * The departments the request is about (the table's `department-member` and
   * `department-dispatcher` ask about them): the route's department; none for a street's route.
   */
  readonly departmentIds: readonly string[];
}

/** Finds the street (and departments) of a resource named by a param. */
export type StreetScopeResolver = (id: string) => Promise<StreetScope | undefined>;

/** Resources whose scope is remembered, per process; past it the memory starts afresh. */
const REMEMBERED = 20_000;

/**
 * Route param → what the request is about. Two families, asked as the rule's scope needs
 * (SCOPE_NEEDS): the community (`communityId` built in; feature modules register theirs, `caseId`,
 * `taskId`, `resolutionId`, with `register`) and the street (`streetId` built in; `departmentId`
 * and later others with `registerStreet`). An unknown id is a 404 for everyone.
 *
 * A resource's community never changes (a case, its tasks and resolutions stay in the community it
 * was opened in; communities are never deleted), so once found it is remembered: a route whose
 * rule does not ask about the resource's parties needs no query for its scope. The parties (lead,
 * assignee) do change, and are read whenever the rule asks. A street scope is remembered only when
 * its resolver says it is `stable` (a department's street and the department itself never change;
 * the departments a whistle is with do).
 */
@Injectable()
export class ScopeResolvers {
  private readonly resolvers = new Map<string, ScopeResolver>();
  private readonly communities = new Map<string, string>();
  private readonly streetResolvers = new Map<
    string,
    { resolve: StreetScopeResolver; stable: boolean }
  >();
  private readonly streets = new Map<string, StreetScope>();

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.register('communityId', async (id) => {
      const { rowCount } = await pool.query(`SELECT 1 FROM communities WHERE id = $1`, [id]);
      return rowCount === 0 ? undefined : { communityId: id, parties: {} };
    });
    this.registerStreet(
      'streetId',
      async (id) => {
        const { rowCount } = await pool.query(`SELECT 1 FROM streets WHERE id = $1`, [id]);
        return rowCount === 0 ? undefined : { streetId: id, departmentIds: [] };
      },
      { stable: true },
    );
  }

  register(param: string, resolver: ScopeResolver): void {
    if (this.resolvers.has(param)) throw new Error(`a scope resolver for ${param} exists`);
    this.resolvers.set(param, resolver);
  }

  registerStreet(param: string, resolve: StreetScopeResolver, o: { stable: boolean }): void {
    if (this.streetResolvers.has(param))
      throw new Error(`a street scope resolver for ${param} exists`);
    this.streetResolvers.set(param, { resolve, stable: o.stable });
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

  /** The street scope of the path's last param that has a street resolver (the most specific). */
  async resolveStreet(params: Record<string, string>): Promise<StreetScope> {
    const param = Object.keys(params)
      .reverse()
      .find((p) => this.streetResolvers.has(p));
    const id = param === undefined ? undefined : params[param];
    const resolver = param === undefined ? undefined : this.streetResolvers.get(param);
    if (param === undefined || id === undefined || resolver === undefined)
      throw new Error(`no street scope resolver for the params ${Object.keys(params).join(', ')}`);
    const { resolve, stable } = resolver;
    const key = `${param}:${id}`;
    const known = this.streets.get(key);
    if (known !== undefined) return known;
    const scope = await resolve(id);
    if (scope === undefined) throw new NotFoundError(notFoundMessage(param), { [param]: id });
    if (stable) {
      if (this.streets.size >= REMEMBERED) this.streets.clear();
      this.streets.set(key, scope);
    }
    return scope;
  }
}
