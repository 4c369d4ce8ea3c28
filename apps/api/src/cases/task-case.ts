import { type Pool } from 'pg';
import { NotFoundError } from '@yishi/domain';
import { taskScope } from '@yishi/workflow';

/** The case a task belongs to (the guard found it too; the log is the truth for both). */
export async function caseOfTask(pool: Pool, taskId: string): Promise<string> {
  const scope = await taskScope(pool, taskId);
  if (scope === undefined) throw new NotFoundError('No such task', { taskId });
  return scope.caseId;
}
