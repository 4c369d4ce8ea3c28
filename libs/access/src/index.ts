export { asksAboutParties, authorize, type Caller, type ResourceParties } from './authorize';
export { isAction, PERMISSIONS, ruleFor, type Action, type Grant, type Rule } from './permissions';
export { ACTION_METADATA, Can, SUMMARY_MAX_LENGTH } from './can';
export { actorOf } from './http/actor';
export { type CallerMembership, type CallerUser } from './http/principal';
export { notFoundMessage } from './http/not-found';
export {
  Auth,
  communityOf,
  type AuthenticatedRequest,
  type RequestAuth,
} from './http/request-auth';
export { ScopeResolvers, type ResolvedScope, type ScopeResolver } from './http/scope-resolvers';
export {
  NewId,
  NewIdMade,
  NO_IDEMPOTENCY,
  NoIdempotency,
  type IdempotentRequest,
  type MadeId,
} from './http/write-guards.decorators';
