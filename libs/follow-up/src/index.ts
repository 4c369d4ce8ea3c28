/** Follow-up (落实问效): tasks, progress with evidence, residents' evaluation (see docs/architecture.md). */
export { FollowUpModule } from './follow-up.module';
export { AssignTaskCommand } from './assign-task/assign-task.command';
export { CompleteTaskCommand } from './complete-task/complete-task.command';
export { DownloadEvidenceQuery } from './download-evidence/download-evidence.query';
export { EvaluateCommand, type Evaluator } from './evaluate/evaluate.command';
export { ReassignTaskCommand } from './reassign-task/reassign-task.command';
export { ReportProgressCommand } from './report-progress/report-progress.command';
export { UploadEvidenceCommand } from './upload-evidence/upload-evidence.command';
export { EvidenceRepository } from './evidence.repository';
export { TaskQueries } from './task.queries';
export { TaskAssignedNotices } from './assign-task/task-assigned.notices';
