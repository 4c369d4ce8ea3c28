import { Module } from '@nestjs/common';
import { AdvanceJobs, CaseStoreModule } from '@yishi/cases';
import { EventReactions, JobDiscoveryModule } from '@yishi/messaging';
import { VotingCoreModule } from '@yishi/voting';
import { CaseDeadlinesService } from './cases/case-deadlines.service';
import { CaseNoticesService } from './cases/case-notices.service';
import { DeadlineEscalationsService } from './cases/deadline-escalations.service';
import { DeadlineReconcilerService } from './cases/deadline-reconciler.service';
import { VotingWorkflowService } from './cases/voting.service';
import { NotificationDeliveryModule } from '@yishi/notifications';
import { DomainEventsProcessor } from './queues/domain-events.processor';
import { JobWorkers } from './queues/job-workers';
import { QueueRegistry } from '@yishi/platform';
import { ProjectionsService } from './projections/projections.service';
import { RelayService } from './relay/relay.service';

/**
 * Everything that moves cases in the background: the relay, projections, and the providers that
 * declare jobs (`@OnJob`) and reactions (`@OnEvent`), which JobWorkers finds and runs. The order of
 * the providers is the order of their reactions to one event.
 */
@Module({
  imports: [CaseStoreModule, VotingCoreModule, NotificationDeliveryModule, JobDiscoveryModule],
  providers: [
    QueueRegistry,
    EventReactions,
    DomainEventsProcessor,
    JobWorkers,
    RelayService,
    ProjectionsService,
    CaseNoticesService,
    AdvanceJobs,
    VotingWorkflowService,
    CaseDeadlinesService,
    DeadlineEscalationsService,
    DeadlineReconcilerService,
  ],
  exports: [
    QueueRegistry,
    EventReactions,
    RelayService,
    AdvanceJobs,
    CaseDeadlinesService,
    DeadlineReconcilerService,
  ],
})
export class WorkerModule {}
