/**
 * Who acts on a whistle, as its use cases and the decider need them: the user, and their
 * departments in the whistle's street (the guard found them for the `whistle` scope).
 */
import { type RequestAuth } from '@yishi/access';
import { type DepartmentMembership, NotFoundError } from '@yishi/domain';
import { type WhistleOutcome } from './whistle-repository';
import { type WhistleWriteResponse } from './whistles.dto';

export interface WhistleCaller {
  readonly userId: string;
  readonly memberships: readonly DepartmentMembership[];
}

export function whistleCallerOf(auth: RequestAuth): WhistleCaller {
  return {
    userId: auth.user.id,
    memberships: (auth.caller.departments ?? []).map((d) => ({
      departmentId: d.departmentId,
      role: d.role,
    })),
  };
}

export function writeResponse({ state, version }: WhistleOutcome): WhistleWriteResponse {
  if (state === null) throw new NotFoundError('找不到该吹哨');
  return { id: state.id, status: state.status, version };
}
