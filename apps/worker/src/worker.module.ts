import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AdvanceJobs,
  CaseNotices,
  MeetingNotices,
  CaseStoreModule,
  DeadlineJobs,
  EscalationJobs,
  OPEN_CASE_REPAIRS,
  ReconcilerJobs,
  type OpenCaseRepairs,
} from '@yishi/cases';
import {
  CloseWithCaseJobs,
  DEMAND_STREET_ESCALATION,
  DemandDeadlineJobs,
  DemandRobotPosts,
  DemandStoreModule,
  ResolvedDemandNotices,
} from '@yishi/demands';
import { TaskAssignedNotices } from '@yishi/follow-up';
import { EventReactions, JobDiscoveryModule } from '@yishi/messaging';
import { GridRobotsModule, NotificationDeliveryModule } from '@yishi/notifications';
import { QueueRegistry } from '@yishi/platform';
import {
  WhistleDeadlineJobs,
  WhistleLinkReactions,
  WhistleLinks,
  WhistleNotices,
  WhistleStoreModule,
} from '@yishi/whistles';
import {
  CloseVotingJobs,
  OpenVotingJobs,
  SettleResultJobs,
  VoteReminderJobs,
  VotingCoreModule,
  VotingNotices,
  VotingRepairs,
} from '@yishi/voting';
import { DomainEventsProcessor } from './queues/domain-events.processor';
import { JobWorkers } from './queues/job-workers';
import { ProjectionsService } from './projections/projections.service';
import { RelayService } from './relay/relay.service';

/**
 * Everything that moves cases in the background: the relay, projections, and the providers that
 * declare jobs (`@OnJob`) and reactions (`@OnEvent`), which JobWorkers finds and runs. Each job
 * class lives in the use case that owns it (libs/cases, libs/voting, libs/follow-up, libs/demands); this module
 * only provides them. The order of the providers is the order of their reactions to one event.
 */
@Module({
  imports: [
    CqrsModule,
    CaseStoreModule,
    DemandStoreModule,
    WhistleStoreModule,
    VotingCoreModule,
    NotificationDeliveryModule,
    GridRobotsModule,
    JobDiscoveryModule,
  ],
  providers: [
    QueueRegistry,
    EventReactions,
    DomainEventsProcessor,
    JobWorkers,
    RelayService,
    ProjectionsService,
    CaseNotices,
    MeetingNotices,
    AdvanceJobs,
    OpenVotingJobs,
    CloseVotingJobs,
    VoteReminderJobs,
    SettleResultJobs,
    VotingNotices,
    TaskAssignedNotices,
    CloseWithCaseJobs,
    ResolvedDemandNotices,
    WhistleNotices,
    WhistleLinkReactions,
    DemandRobotPosts,
    VotingRepairs,
    DeadlineJobs,
    EscalationJobs,
    ReconcilerJobs,
    DemandDeadlineJobs,
    WhistleDeadlineJobs,
    // The reconciler's parts from the features above cases, which it may not import.
    {
      provide: OPEN_CASE_REPAIRS,
      useFactory: (voting: VotingRepairs): readonly OpenCaseRepairs[] => [voting],
      inject: [VotingRepairs],
    },
    // A demand past its deadline's last timer is whistled to the street (the ledger may not import whistles).
    { provide: DEMAND_STREET_ESCALATION, useExisting: WhistleLinks },
  ],
  exports: [
    QueueRegistry,
    EventReactions,
    RelayService,
    AdvanceJobs,
    DeadlineJobs,
    ReconcilerJobs,
    DemandDeadlineJobs,
    WhistleDeadlineJobs,
  ],
})
export class WorkerModule {}
