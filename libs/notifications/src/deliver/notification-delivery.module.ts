import { Module } from '@nestjs/common';
import { NotificationFlows } from './notification-flows';
import { NotificationJobs } from './notification.jobs';

/**
 * Delivery, for the worker: the jobs of the channel queues (inbox, webhooks, SMS), and the flow
 * producer that feeds them, for the reactions that tell parties and residents.
 */
@Module({
  providers: [NotificationJobs, NotificationFlows],
  exports: [NotificationFlows],
})
export class NotificationDeliveryModule {}
