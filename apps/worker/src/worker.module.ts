import { Module } from '@nestjs/common';
import { DomainEventsProcessor } from './queues/domain-events.processor';
import { EventReactions } from './queues/event-reactions';
import { QueueRegistry } from './queues/queue-registry';
import { ProjectionsService } from './projections/projections.service';
import { RelayService } from './relay/relay.service';

/** Everything that moves cases in the background: the relay, processors, projections. */
@Module({
  providers: [
    QueueRegistry,
    EventReactions,
    DomainEventsProcessor,
    RelayService,
    ProjectionsService,
  ],
  exports: [QueueRegistry, EventReactions, RelayService],
})
export class WorkerModule {}
