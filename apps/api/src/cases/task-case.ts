import { type Pool } from 'pg';
import { NotFoundError, ValidationError } from '@yishi/domain';
import { evidenceOfTask, taskScope, uploadOf } from '@yishi/cases';

/** The case a task belongs to (the guard found it too; the log is the truth for both). */
export async function caseOfTask(pool: Pool, taskId: string): Promise<string> {
  const scope = await taskScope(pool, taskId);
  if (scope === undefined) throw new NotFoundError('找不到该任务', { taskId });
  return scope.caseId;
}

/**
 * Uploaded evidence named in a report must be a file uploaded for this very task: a path of
 * another task's (or no) upload is a 400 naming it. External URLs are taken as given.
 */
export async function checkUploads(
  pool: Pool,
  taskId: string,
  evidence: readonly string[] | undefined,
): Promise<void> {
  const uploads = (evidence ?? []).map(uploadOf).filter((u) => u !== undefined);
  if (uploads.length === 0) return;
  const ids = uploads.map((u) => u.id);
  const found = new Set((await evidenceOfTask(pool, taskId, ids)).map((f) => f.id));
  const missing = uploads.filter((u) => u.taskId !== taskId || !found.has(u.id)).map((u) => u.id);
  if (missing.length > 0)
    throw new ValidationError('佐证材料中有未上传到此任务的文件', {
      fields: [
        { field: 'evidence', problems: missing.map((id) => `no upload ${id} for this task`) },
      ],
    });
}
