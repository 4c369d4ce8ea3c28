import { Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScopeResolvers } from '@yishi/access';
import { CasesModule } from '@yishi/cases';
import { EvidenceStorageModule } from '@yishi/platform';
import { RegistryReadsModule } from '@yishi/registry';
import { AssignTaskHandler } from './assign-task/assign-task.handler';
import { AssignTaskController } from './assign-task/assign-task.http.controller';
import { CompleteTaskHandler } from './complete-task/complete-task.handler';
import { CompleteTaskController } from './complete-task/complete-task.http.controller';
import { DownloadEvidenceHandler } from './download-evidence/download-evidence.handler';
import { EvaluateHandler } from './evaluate/evaluate.handler';
import { EvaluateController } from './evaluate/evaluate.http.controller';
import { EvidenceRepository } from './evidence.repository';
import { ReassignTaskHandler } from './reassign-task/reassign-task.handler';
import { ReassignTaskController } from './reassign-task/reassign-task.http.controller';
import { ReportProgressHandler } from './report-progress/report-progress.handler';
import { ReportProgressController } from './report-progress/report-progress.http.controller';
import { TaskQueries } from './task.queries';
import { UploadEvidenceHandler } from './upload-evidence/upload-evidence.handler';
import { EvidenceController } from './upload-evidence/upload-evidence.http.controller';

/** 落实问效: tasks, their progress with evidence, and the residents' evaluation. */
@Module({
  imports: [CqrsModule, CasesModule, RegistryReadsModule, EvidenceStorageModule],
  controllers: [
    AssignTaskController,
    ReportProgressController,
    CompleteTaskController,
    ReassignTaskController,
    EvidenceController,
    EvaluateController,
  ],
  providers: [
    TaskQueries,
    EvidenceRepository,
    AssignTaskHandler,
    ReportProgressHandler,
    CompleteTaskHandler,
    ReassignTaskHandler,
    UploadEvidenceHandler,
    DownloadEvidenceHandler,
    EvaluateHandler,
  ],
})
export class FollowUpModule implements OnModuleInit {
  constructor(
    private readonly scopes: ScopeResolvers,
    private readonly tasks: TaskQueries,
  ) {}

  onModuleInit(): void {
    this.scopes.register('taskId', async (id) => {
      const scope = await this.tasks.scope(id);
      return scope === undefined
        ? undefined
        : {
            communityId: scope.communityId,
            parties: {
              leadParty: scope.leadParty,
              assigneeParty: scope.assigneeParty,
              handlerId: scope.handlerId,
            },
          };
    });
  }
}
