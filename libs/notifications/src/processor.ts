import { type Job, UnrecoverableError, type WorkerOptions } from 'bullmq';
import {
  type GridRobotJobData,
  type JobItem,
  type NotificationRequest,
  type PartyNotificationJobData,
} from '@yishi/messaging';
import { type Db } from './db';
import { deliverToInbox } from './inbox';
import { FULL_JITTER, fullJitterDelay, type BackoffPolicy } from './retry';
import { deliverGridRobot } from './robots/robot-delivery';
import { deliverSms, type SmsChannel, type SmsRecipients } from './sms/delivery';
import { deliverWebhooks } from './webhooks/delivery';

export type NotificationJobItem = Extract<
  JobItem,
  {
    name:
      'fan-out' | 'party' | 'inbox' | 'inbox-all' | 'webhook' | 'sms' | 'sms-users' | 'grid-robot';
  }
>;

export interface NotificationProcessorDeps {
  readonly db: Db;
  readonly sms: SmsChannel;
  /** One webhook (or group-chat robot) POST's time limit. */
  readonly webhookTimeoutMs: number;
}

/** The webhook and SMS retry delays: full jitter from `baseMs`, doubling, capped at `capMs`. */
export const DEFAULT_CHANNEL_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 3_600_000 };

/** Worker `settings` giving the channel jobs' `full-jitter` backoff its meaning. */
export function channelWorkerSettings(
  policy: BackoffPolicy = DEFAULT_CHANNEL_BACKOFF,
): NonNullable<WorkerOptions['settings']> {
  return {
    backoffStrategy: (attemptsMade, type) => {
      if (type === FULL_JITTER) return fullJitterDelay(attemptsMade, policy);
      // Only reached for a type that is neither built in nor ours: fail rather than retry blindly.
      return -1;
    },
  };
}

/** Whether this run is the job's last chance (BullMQ counts attempts made before this one). */
const isFinalAttempt = (job: Job): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

const ignoredFailures = async (job: Job): Promise<string[]> =>
  Object.keys(await job.getIgnoredChildrenFailures());

/**
 * One function for the three notification queues. Thin: parse the job, call the library. Channel
 * jobs throw to retry (the backoff decides when) and throw `UnrecoverableError` once something is
 * dead-lettered, so the job shows as failed while its parent goes on (ignoreDependencyOnFailure).
 */
export function createNotificationProcessor(
  deps: NotificationProcessorDeps,
): (job: Job) => Promise<unknown> {
  return async (job: Job): Promise<unknown> => {
    const item = { name: job.name, data: job.data as unknown } as NotificationJobItem;
    switch (item.name) {
      case 'fan-out':
        return fanOutSummary(job, item.data);
      case 'party':
        return {
          party: item.data.party,
          channels: await job.getChildrenValues(),
          failed: await ignoredFailures(job),
        };
      case 'inbox':
        return deliverToInbox(deps.db, item.data.request, item.data.party);
      case 'inbox-all':
        return deliverToInbox(deps.db, item.data, item.data.parties);
      case 'webhook':
        return webhook(job, deps, item.data);
      case 'sms':
        return sms(job, deps, item.data.request, item.data.party);
      case 'sms-users':
        return sms(job, deps, item.data.request, { userIds: item.data.userIds });
      case 'grid-robot':
        return gridRobot(job, deps, item.data);
    }
    // A job name from another producer: fail loudly rather than complete having done nothing.
    throw new UnrecoverableError(`unknown notification job ${String(job.name)}`);
  };
}

async function fanOutSummary(job: Job, request: NotificationRequest): Promise<unknown> {
  return {
    sourceEventId: request.sourceEventId,
    kind: request.kind,
    parties: request.parties.length,
    failed: await ignoredFailures(job),
  };
}

async function webhook(
  job: Job,
  deps: NotificationProcessorDeps,
  { request, party }: PartyNotificationJobData,
): Promise<unknown> {
  const result = await deliverWebhooks(deps.db, request, party, {
    timeoutMs: deps.webhookTimeoutMs,
    maxAttempts: job.opts.attempts ?? 1,
    finalAttempt: isFinalAttempt(job),
  });
  if (result.pending > 0)
    throw new Error(`${result.pending} webhook deliveries failed for now; retrying`);
  if (result.dead > 0)
    throw new UnrecoverableError(`${result.dead} webhook deliveries dead-lettered`);
  return result;
}

async function gridRobot(
  job: Job,
  deps: NotificationProcessorDeps,
  data: GridRobotJobData,
): Promise<unknown> {
  const status = await deliverGridRobot(deps.db, data, {
    timeoutMs: deps.webhookTimeoutMs,
    maxAttempts: job.opts.attempts ?? 1,
    finalAttempt: isFinalAttempt(job),
  });
  if (status === 'pending') throw new Error('the group robot did not take the message; retrying');
  if (status === 'dead') throw new UnrecoverableError('group robot message dead-lettered');
  return { gridId: data.gridId, kind: data.kind, status };
}

async function sms(
  job: Job,
  deps: NotificationProcessorDeps,
  request: NotificationRequest,
  to: SmsRecipients,
): Promise<unknown> {
  const result = await deliverSms(deps.db, deps.sms, request, to, {
    maxAttempts: job.opts.attempts ?? 1,
    finalAttempt: isFinalAttempt(job),
  });
  if (result.pending > 0) throw new Error(`${result.pending} SMS failed for now; retrying`);
  if (result.dead > 0) throw new UnrecoverableError(`${result.dead} SMS could not be sent`);
  return result;
}
