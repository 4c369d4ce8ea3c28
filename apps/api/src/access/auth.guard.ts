import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { type Pool } from 'pg';
import {
  ACTION_METADATA,
  asksAboutParties,
  authorize,
  isAction,
  ruleFor,
  type Caller,
} from '@yishi/access';
import { ForbiddenError, NotFoundError, UnauthenticatedError, type Party } from '@yishi/domain';
import { Authenticator } from '@yishi/identity';
import { findCaller } from './caller';
import { PG_POOL } from '@yishi/platform';
import { type AuthenticatedRequest } from './request-auth';
import { ScopeResolvers } from './scope-resolvers';
import { WriteGuard } from '../write-guards/write-guard';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one guard: reads the route's action, checks the token, finds the community the request is
 * about and the caller's membership there, and asks the permission table; then, for a write,
 * the write guards (rate limits, Idempotency-Key).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
    private readonly scopes: ScopeResolvers,
    private readonly writes: WriteGuard,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action: unknown = this.reflector.get(ACTION_METADATA, context.getHandler());
    // Fail closed; the start-up check (routes.ts) keeps this from ever happening in practice.
    if (!isAction(action)) throw new ForbiddenError('This route is not in the permission table');
    const rule = ruleFor(action);
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>))
      if (typeof value === 'string') params[name] = value;
    for (const [name, value] of Object.entries(params))
      if (name.endsWith('Id') && !UUID.test(value))
        throw new NotFoundError(`No such ${name.slice(0, -2)}`, { [name]: value });
    if ((rule.allow as readonly unknown[]).includes('anyone')) {
      await this.writes.admit(context);
      return true;
    }

    // The token first (no database: a bad one is 401 before anything is looked up), then what the
    // request is about, then the caller and their membership there in one round trip.
    const userId = this.verifiedUserId(request);
    let communityId: string | undefined;
    let resourceParties: { leadParty?: Party | null; assigneeParty?: Party | null } = {};
    if (rule.scope === 'community') {
      const scope = await this.scopes.resolve(params, asksAboutParties(rule));
      communityId = scope.communityId;
      resourceParties = scope.parties;
    }
    const found = await findCaller(this.pool, userId, communityId);
    if (found === undefined)
      throw new UnauthenticatedError('The access token is invalid or has expired');
    const { user, secretaryAnywhere, membership, boundUnitIds } = found;
    const base: Caller = { userId: user.id, admin: user.admin, secretaryAnywhere };
    const caller: Caller = membership === undefined ? base : { ...base, membership };
    if (!authorize(rule, caller, resourceParties))
      throw new ForbiddenError('You are not allowed to do this', { action });
    request.auth = {
      user,
      caller,
      boundUnitIds,
      ...(communityId === undefined ? {} : { communityId }),
      ...(membership === undefined ? {} : { membership }),
    };
    // Rate limits and Idempotency-Key, once the caller is known and let in.
    await this.writes.admit(context);
    return true;
  }

  /** The user id of a valid, unexpired access token (its signature checked, no database). */
  private verifiedUserId(request: FastifyRequest): string {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match === null)
      throw new UnauthenticatedError('Sign in: send Authorization: Bearer <accessToken>');
    const claims = this.authenticator.verify(match[1] as string);
    if (claims === undefined)
      throw new UnauthenticatedError('The access token is invalid or has expired');
    return claims.sub;
  }
}
