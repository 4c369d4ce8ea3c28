import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFoundError, ValidationError } from '@yishi/domain';
import { PG_POOL } from '@yishi/platform';
import { evidenceOfTask, taskScope, uploadOf } from '@yishi/cases';

/** The reads the task use cases make before they decide: the task's case, its uploads. */
@Injectable()
export class TaskQueries {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  scope(taskId: string): ReturnType<typeof taskScope> {
    return taskScope(this.pool, taskId);
  }

  /** The case a task belongs to (the guard found it too; the log is the truth for both). */
  async caseOf(taskId: string): Promise<string> {
    const scope = await taskScope(this.pool, taskId);
    if (scope === undefined) throw new NotFoundError('找不到该任务', { taskId });
    return scope.caseId;
  }

  /**
   * Uploaded evidence named in a report must be a file uploaded for this very task: a path of
   * another task's (or no) upload is a 400 naming it. External URLs are taken as given.
   */
  async checkUploads(taskId: string, evidence: readonly string[] | undefined): Promise<void> {
    const uploads = (evidence ?? []).map(uploadOf).filter((u) => u !== undefined);
    if (uploads.length === 0) return;
    const ids = uploads.map((u) => u.id);
    const found = new Set((await evidenceOfTask(this.pool, taskId, ids)).map((f) => f.id));
    const missing = uploads.filter((u) => u.taskId !== taskId || !found.has(u.id)).map((u) => u.id);
    if (missing.length > 0)
      throw new ValidationError('佐证材料中有未上传到此任务的文件', {
        fields: [
          { field: 'evidence', problems: missing.map((id) => `no upload ${id} for this task`) },
        ],
      });
  }
}
