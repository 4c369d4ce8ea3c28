import { Module } from '@nestjs/common';
import { CaseStoreModule } from '@yishi/cases';
import { VotingCoreModule } from '@yishi/voting';
import { CaseDeadlinesService } from './cases/case-deadlines.service';
import { CaseWorkflowService } from './cases/case-workflow.service';
import { VotingWorkflowService } from './cases/voting.service';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { DomainEventsProcessor } from './queues/domain-events.processor';
import { EventReactions } from './queues/event-reactions';
import { QueueRegistry } from './queues/queue-registry';
import { ProjectionsService } from './projections/projections.service';
import { RelayService } from './relay/relay.service';

/** Everything that moves cases in the background: the relay, processors, projections. */
@Module({
  imports: [CaseStoreModule, VotingCoreModule, NotificationsWorkerModule],
  providers: [
    QueueRegistry,
    EventReactions,
    DomainEventsProcessor,
    RelayService,
    ProjectionsService,
    CaseWorkflowService,
    CaseDeadlinesService,
    VotingWorkflowService,
  ],
  exports: [QueueRegistry, EventReactions, RelayService, CaseWorkflowService, CaseDeadlinesService],
})
export class WorkerModule {}
