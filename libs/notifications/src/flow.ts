import { type FlowJob, type FlowProducer, type JobNode, type JobsOptions } from 'bullmq';
import { type Party } from '@yishi/domain';
import {
  NOTIFICATION_CHANNELS,
  QUEUES,
  type NotificationChannel,
  type NotificationRequest,
  type PartyNotificationJobData,
  type UserSmsJobData,
} from '@yishi/messaging';
import { assertNotificationRequest } from './request';
import { FULL_JITTER } from './retry';

/**
 * The fan-out of one notification as a BullMQ flow:
 *
 *   fan-out (root, `notifications`)
 *   ├── party  party-organisation            (`notifications`)
 *   │   ├── inbox                            (`notifications`)
 *   │   ├── webhook                          (`notification-webhooks`)
 *   │   └── sms                              (`notification-sms`)
 *   ├── party  owners-committee …
 *
 * When the inbox is the only channel in use (no webhooks, no SMS provider: the usual case) there is
 * nothing to fan out to: one `inbox-all` job writes every party's rows in one statement, instead of
 * 1 + 2 × parties jobs and a statement per party. Its id is the flow's with `_inbox`.
 *
 * BullMQ runs children before parents: the channel jobs deliver, the party and root jobs only sum
 * up. Every child sets `ignoreDependencyOnFailure`, so a child that fails for good (a dead webhook,
 * a bad phone number) is recorded among its parent's ignored failures and the parent still runs:
 * without a policy it would wait for ever (bullmq issue 3362). The party level uses the same policy
 * rather than `failParentOnFailure`: one party's trouble must not mark the others' notification
 * failed, and the root's summary lists it.
 */
export interface NotificationFlowOptions {
  readonly inboxAttempts: number;
  readonly webhookAttempts: number;
  readonly smsAttempts: number;
  /** Completed jobs kept this long (s) and at most this many: their ids dedupe a re-added flow. */
  readonly keepCompleted: { readonly age: number; readonly count: number };
  /** Failed jobs kept this long (s), for inspection. */
  readonly keepFailedSeconds: number;
}

export const DEFAULT_NOTIFICATION_FLOW_OPTIONS: NotificationFlowOptions = {
  inboxAttempts: 8,
  // With full jitter between 5 s and 1 h (see the worker), 12 attempts span about 1 to 3.5 hours.
  webhookAttempts: 12,
  smsAttempts: 6,
  keepCompleted: { age: 24 * 3600, count: 50_000 },
  keepFailedSeconds: 14 * 24 * 3600,
};

/**
 * Deterministic, so adding the same flow again is a no-op while the jobs are kept: from the event id
 * (a UUID) and the kind, party and channel, joined by `_` (none of them contains one). Never `:`,
 * never all digits (engineering notes).
 */
export function notificationJobId(
  request: Pick<NotificationRequest, 'sourceEventId' | 'kind'>,
  party?: Party,
  channel?: NotificationChannel,
): string {
  return ['ntf', request.sourceEventId, request.kind, party, channel]
    .filter((part) => part !== undefined)
    .join('_');
}

const CHANNEL_QUEUE: Record<NotificationChannel, string> = {
  inbox: QUEUES.notifications,
  webhook: QUEUES.notificationWebhooks,
  sms: QUEUES.notificationSms,
};

/**
 * `channels`: the channels in use for this community (the inbox always; webhooks when it has any;
 * SMS when a provider is configured). A channel with nothing to deliver gets no job.
 */
export function buildNotificationFlow(
  request: NotificationRequest,
  options: NotificationFlowOptions = DEFAULT_NOTIFICATION_FLOW_OPTIONS,
  channels: readonly NotificationChannel[] = NOTIFICATION_CHANNELS,
): FlowJob {
  assertNotificationRequest(request);
  const retention: JobsOptions = {
    removeOnComplete: { age: options.keepCompleted.age, count: options.keepCompleted.count },
    removeOnFail: { age: options.keepFailedSeconds },
  };
  const summary: JobsOptions = {
    ...retention,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
  };
  const channelOptions: Record<NotificationChannel, JobsOptions> = {
    inbox: { attempts: options.inboxAttempts, backoff: { type: 'exponential', delay: 500 } },
    webhook: { attempts: options.webhookAttempts, backoff: { type: FULL_JITTER } },
    sms: { attempts: options.smsAttempts, backoff: { type: FULL_JITTER } },
  };
  if (channels.length === 1 && channels[0] === 'inbox')
    return {
      name: 'inbox-all',
      queueName: QUEUES.notifications,
      data: request,
      opts: {
        ...retention,
        ...channelOptions.inbox,
        jobId: notificationJobId(request, undefined, 'inbox'),
      },
    };
  return {
    name: 'fan-out',
    queueName: QUEUES.notifications,
    data: request,
    opts: { ...summary, jobId: notificationJobId(request) },
    children: request.parties.map((party): FlowJob => {
      const data: PartyNotificationJobData = { request, party };
      return {
        name: 'party',
        queueName: QUEUES.notifications,
        data,
        opts: {
          ...summary,
          jobId: notificationJobId(request, party),
          ignoreDependencyOnFailure: true,
        },
        children: channels.map((channel): FlowJob => ({
          name: channel,
          queueName: CHANNEL_QUEUE[channel],
          data,
          opts: {
            ...retention,
            ...channelOptions[channel],
            jobId: notificationJobId(request, party, channel),
            ignoreDependencyOnFailure: true,
          },
        })),
      };
    }),
  };
}

/** Queues one notification's flow (validated first; a bad request throws and queues nothing). */
export function addNotificationFlow(
  flowProducer: FlowProducer,
  request: NotificationRequest,
  options?: NotificationFlowOptions,
  channels?: readonly NotificationChannel[],
): Promise<JobNode> {
  return flowProducer.add(buildNotificationFlow(request, options, channels));
}

/**
 * The SMS of one notification to named users (no party: the owners called to vote), as one job on
 * the SMS queue with the channel's attempts and backoff. Its id is the notification's with
 * `_users_sms`, so adding it again while kept does nothing; the rows' unique key is the lasting
 * guard.
 */
export function addUserSmsJob(
  flowProducer: FlowProducer,
  request: NotificationRequest,
  userIds: readonly string[],
  options: NotificationFlowOptions = DEFAULT_NOTIFICATION_FLOW_OPTIONS,
): Promise<JobNode> {
  assertNotificationRequest(request, 'users');
  const data: UserSmsJobData = { request, userIds };
  return flowProducer.add({
    name: 'sms-users',
    queueName: QUEUES.notificationSms,
    data,
    opts: {
      removeOnComplete: { age: options.keepCompleted.age, count: options.keepCompleted.count },
      removeOnFail: { age: options.keepFailedSeconds },
      attempts: options.smsAttempts,
      backoff: { type: FULL_JITTER },
      jobId: `${notificationJobId(request)}_users_sms`,
    },
  });
}
