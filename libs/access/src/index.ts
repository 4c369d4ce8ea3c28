export { asksAboutParties, authorize, type Caller, type ResourceParties } from './authorize';
export { isAction, PERMISSIONS, ruleFor, type Action, type Grant, type Rule } from './permissions';
export { ACTION_METADATA, Can, SUMMARY_MAX_LENGTH } from './can';
export { AccessModule } from './http/access.module';
export { actorOf } from './http/actor';
export { findCaller, type CallerRecord } from './http/caller';
export { notFoundMessage } from './http/not-found';
export {
  Auth,
  communityOf,
  type AuthenticatedRequest,
  type RequestAuth,
} from './http/request-auth';
export { listRoutes, type RouteInfo } from './http/routes';
export { ScopeResolvers, type ResolvedScope, type ScopeResolver } from './http/scope-resolvers';
export { WriteGuard } from './http/write-guard';
export {
  NewId,
  NO_IDEMPOTENCY,
  NoIdempotency,
  type IdempotentRequest,
} from './http/write-guards.decorators';
