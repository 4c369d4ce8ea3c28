import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@yishi/domain';
import { AccessTokens, CallerQueries, type AccessClaims } from '@yishi/identity';
import {
  ACTION_METADATA,
  asksAboutParties,
  type ResourceParties,
  type AuthenticatedRequest,
  authorize,
  type Caller,
  isAction,
  notFoundMessage,
  ruleFor,
  SCOPE_NEEDS,
  ScopeResolvers,
  type StreetScope,
} from '@yishi/access';
import { WriteGuard } from './write-guard';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one guard: reads the route's action, checks the token, finds what the request is about (a
 * community, a street and its departments, as the rule's scope needs) and the caller's place
 * there, and asks the permission table; then, for a write, the write guards (rate limits,
 * Idempotency-Key).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly scopes: ScopeResolvers,
    private readonly writes: WriteGuard,
    private readonly callers: CallerQueries,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const action: unknown = this.reflector.get(ACTION_METADATA, context.getHandler());
    // Fail closed; the start-up check (routes.ts) keeps this from ever happening in practice.
    if (!isAction(action)) throw new ForbiddenError('此操作未在权限表中登记');
    const rule = ruleFor(action);
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries((request.params ?? {}) as Record<string, unknown>))
      if (typeof value === 'string') params[name] = value;
    for (const [name, value] of Object.entries(params))
      if (name.endsWith('Id') && !UUID.test(value))
        throw new NotFoundError(notFoundMessage(name), { [name]: value });
    if ((rule.allow as readonly unknown[]).includes('anyone')) {
      await this.writes.admit(context);
      return true;
    }

    // The token first (no database: a bad one is 401 before anything is looked up), then what the
    // request is about, then the caller and their membership there in one round trip.
    const claims = await this.verifiedClaims(request);
    const needs = SCOPE_NEEDS[rule.scope];
    let communityId: string | undefined;
    let resourceParties: ResourceParties = {};
    if (needs.community) {
      const scope = await this.scopes.resolve(params, asksAboutParties(rule));
      communityId = scope.communityId;
      resourceParties = scope.parties;
    }
    let street: StreetScope | undefined;
    if (needs.street) {
      street = await this.scopes.resolveStreet(params);
      if (rule.scope === 'department' && street.departmentIds.length === 0)
        throw new Error(`${action} is department-scoped but its route names no department`);
    }
    const found = await this.callers.find(claims.sub, communityId, street?.streetId);
    // A token ends with its user, a logout, a password change or the account's disabling (its
    // version is behind the user's): checked on the row the caller is loaded from anyway.
    if (found === undefined || found.disabled || found.tokenVersion !== claims.ver)
      throw new UnauthenticatedError('登录已失效，请重新登录');
    const { user, secretaryAnywhere, membership, boundUnitIds, departments } = found;
    const caller: Caller = {
      userId: user.id,
      admin: user.admin,
      secretaryAnywhere,
      ...(membership === undefined ? {} : { membership }),
      ...(departments === undefined ? {} : { departments }),
    };
    const resource = {
      ...resourceParties,
      ...(street === undefined ? {} : { departmentIds: street.departmentIds }),
    };
    if (!authorize(rule, caller, resource))
      throw new ForbiddenError('您没有权限进行此操作', { action });
    request.auth = {
      user,
      caller,
      boundUnitIds,
      ...(communityId === undefined ? {} : { communityId }),
      ...(membership === undefined ? {} : { membership }),
      ...(street === undefined ? {} : { street }),
    };
    // Rate limits and Idempotency-Key, once the caller is known and let in.
    await this.writes.admit(context);
    return true;
  }

  /** The claims of a valid, unexpired access token (its signature checked, no database). */
  private async verifiedClaims(request: FastifyRequest): Promise<AccessClaims> {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (match === null) throw new UnauthenticatedError('请先登录');
    const claims = await this.tokens.verify(match[1] as string);
    if (claims === undefined) throw new UnauthenticatedError('登录已失效，请重新登录');
    return claims;
  }
}
