import { ValidationError } from '../errors';
import { isRole, type Role } from '../community';
import { type AssignHandler } from './commands';
import { type Now } from './decide-support';
import { type CaseEvent } from './events';
import { id, list } from './guards';
import { type Case } from './types';

/** The roles a case's handler (经办人) must hold in the case's community. */
export const HANDLER_ROLES: readonly Role[] = ['case-worker', 'secretary'];

/**
 * 指定经办人: the secretary names a case worker (社工, 两委委员) or a secretary of the community as
 * the case's handler, who may then do on it what the secretary does (the permission table's
 * `case-handler` grant). While the case is open (the caller has refused a closed one); naming the
 * handler the case already has appends nothing, another one replaces them.
 */
export function assignHandler(state: Case, d: AssignHandler['data'], now: Now): CaseEvent[] {
  const userId = id(d.userId, 'userId');
  const roles = list(d.roles, 'roles').filter(isRole);
  if (!roles.some((r) => HANDLER_ROLES.includes(r)))
    throw new ValidationError('经办人须是本社区的社工（两委委员）或书记', {
      field: 'userId',
      userId,
    });
  if (state.handlerId === userId) return [];
  return [
    {
      type: 'CaseHandlerAssigned',
      data: { userId, assignedAt: now.iso, assignedBy: now.actorId },
    },
  ];
}
