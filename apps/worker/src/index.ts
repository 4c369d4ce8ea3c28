export { WorkerModule } from './worker.module';
export { EventReactions, type Reaction } from './queues/event-reactions';
export { QueueRegistry } from './queues/queue-registry';
export { RelayService } from './relay/relay.service';
export { ProjectionsService } from './projections/projections.service';
