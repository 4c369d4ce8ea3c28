export { asksAboutParties, authorize, type Caller, type ResourceParties } from './authorize';
export { isAction, PERMISSIONS, ruleFor, type Action, type Grant, type Rule } from './permissions';
export { ACTION_METADATA, Can, SUMMARY_MAX_LENGTH } from './can';
