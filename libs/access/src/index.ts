export {
  asksAboutParties,
  authorize,
  type Caller,
  type CallerDepartment,
  type Resource,
  type ResourceParties,
} from './authorize';
export {
  isAction,
  PERMISSIONS,
  ruleFor,
  type Action,
  type Grant,
  type Rule,
  type Scope,
} from './permissions';
export { SCOPE_NEEDS } from './rule';
export { ACTION_METADATA, Can, SUMMARY_MAX_LENGTH } from './can';
export { actorOf } from './http/actor';
export { type CallerMembership, type CallerUser } from './http/principal';
export { notFoundMessage } from './http/not-found';
export {
  Auth,
  communityOf,
  departmentOf,
  streetOf,
  type AuthenticatedRequest,
  type RequestAuth,
} from './http/request-auth';
export {
  ScopeResolvers,
  type ResolvedScope,
  type ScopeResolver,
  type StreetScope,
  type StreetScopeResolver,
} from './http/scope-resolvers';
export {
  NewId,
  NewIdMade,
  NO_IDEMPOTENCY,
  NoIdempotency,
  type IdempotentRequest,
  type MadeId,
} from './http/write-guards.decorators';
