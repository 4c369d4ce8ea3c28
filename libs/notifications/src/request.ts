import { isParty, STAGES } from '@yishi/domain';
import { NOTIFICATION_KINDS, type NotificationRequest } from '@yishi/messaging';
import { KIND_NEEDS } from './templates';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

/**
 * The problems of a request, empty when it is good. A bad request is the producer's bug: it is
 * refused before anything is queued, never discovered by a channel job half way through.
 */
export function notificationRequestProblems(
  request: NotificationRequest,
  to: 'parties' | 'users' = 'parties',
): string[] {
  const problems: string[] = [];
  if (!isUuid(request.sourceEventId)) problems.push('sourceEventId must be a UUID');
  if (!isUuid(request.communityId)) problems.push('communityId must be a UUID');
  if (request.caseId !== null && !isUuid(request.caseId))
    problems.push('caseId must be a UUID or null');
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(request.kind))
    problems.push(`unknown kind ${String(request.kind)}`);
  if (typeof request.caseTitle !== 'string' || request.caseTitle.trim() === '')
    problems.push('caseTitle is required');
  if (request.stage !== undefined && !(STAGES as readonly string[]).includes(request.stage))
    problems.push(`unknown stage ${String(request.stage)}`);
  // A notification to named users (residents) has no party; one to parties names at least one.
  if (!Array.isArray(request.parties) || (to === 'parties' && request.parties.length === 0))
    problems.push('parties must name at least one party');
  else {
    if (!request.parties.every(isParty)) problems.push('parties holds an unknown party');
    if (new Set(request.parties).size !== request.parties.length)
      problems.push('parties holds a party twice');
  }
  if (request.deadline !== undefined && Number.isNaN(Date.parse(request.deadline)))
    problems.push('deadline must be an ISO 8601 instant');
  const needs = KIND_NEEDS[request.kind] ?? { stage: false, deadline: false, subject: false };
  if (needs.stage && request.stage === undefined) problems.push(`${request.kind} needs a stage`);
  if (needs.deadline && request.deadline === undefined)
    problems.push(`${request.kind} needs a deadline`);
  if (needs.subject && (request.subject === undefined || request.subject.trim() === ''))
    problems.push(`${request.kind} needs a subject`);
  if (
    request.estate !== undefined &&
    (typeof request.estate !== 'string' || request.estate.trim() === '')
  )
    problems.push('estate must be a non-empty string when given');
  if (request.kind === 'vote-published' && request.outcome === undefined)
    problems.push('vote-published needs an outcome');
  return problems;
}

export function assertNotificationRequest(
  request: NotificationRequest,
  to: 'parties' | 'users' = 'parties',
): void {
  const problems = notificationRequestProblems(request, to);
  if (problems.length > 0) throw new Error(`invalid notification request: ${problems.join('; ')}`);
}
