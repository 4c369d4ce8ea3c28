import { type ReactionScope } from '@yishi/messaging';
import { type CaseRepository, type LoadedCase } from './case-repository';

/** The actor of what the queue does by itself. */
export const WORKFLOW_ACTOR = 'system:workflow';

/** The case as this event's reactions see it: folded once per job, shared by all of them. */
export function loadCaseOnce(
  scope: ReactionScope,
  repository: CaseRepository,
  caseId: string,
): Promise<LoadedCase> {
  return scope.once(`case_${caseId}`, () => repository.load(caseId));
}
