import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Caller } from '../authorize';
import { type CallerMembership, type CallerUser } from './principal';
import { type StreetScope } from './scope-resolvers';

/** What the guard learned about a request, for the handler. */
export interface RequestAuth {
  readonly user: CallerUser;
  readonly caller: Caller;
  /** The community the route is about, when its action is community-scoped. */
  readonly communityId?: string;
  readonly membership?: CallerMembership;
  /** The street (and departments) the route is about, when its action is street- or department-scoped. */
  readonly street?: StreetScope;
  /** The units the caller is bound to by real name now (read with the caller, see CallerQueries in libs/identity). */
  readonly boundUnitIds: ReadonlySet<string>;
}

export interface AuthenticatedRequest {
  auth?: RequestAuth;
}

/** The signed-in caller (routes open to anyone never use it). */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestAuth => {
  const auth = ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  if (auth === undefined) throw new Error('@Auth() on a route without an authenticated caller');
  return auth;
});

/** The community of a community-scoped route, as checked by the guard. */
export function communityOf(auth: RequestAuth): string {
  if (auth.communityId === undefined) throw new Error('route is not community-scoped');
  return auth.communityId;
}

/** The street of a street- or department-scoped route, as checked by the guard. */
export function streetOf(auth: RequestAuth): string {
  if (auth.street === undefined) throw new Error('route is not street-scoped');
  return auth.street.streetId;
}

/** The department of a department-scoped route, as checked by the guard. */
export function departmentOf(auth: RequestAuth): string {
  const id = auth.street?.departmentIds[0];
  if (id === undefined || auth.street?.departmentIds.length !== 1)
    throw new Error('route is not about one department');
  return id;
}
