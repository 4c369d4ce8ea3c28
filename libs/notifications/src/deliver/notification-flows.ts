import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FlowProducer, type JobNode } from 'bullmq';
import { type Redis } from 'ioredis';
import { type Pool } from 'pg';
import { throttledWarning } from '@yishi/observability';
import {
  createRedisConnection,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
  type NotificationRequest,
} from '@yishi/messaging';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { addNotificationFlow, addUserSmsJob } from '../flow';
import { parseSmsTemplateCodes } from '../sms/delivery';

/**
 * Queues a notification's fan-out flow (for the reactions of cases, voting and follow-up).
 * Producer connection: fails fast while Redis is down, so the caller's job is retried rather than
 * blocked.
 */
@Injectable()
export class NotificationFlows implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly producer: FlowProducer;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {
    this.connection = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-notification-flows',
      runtime.logger,
    );
    this.producer = new FlowProducer({
      connection: this.connection,
      prefix: runtime.config.queuePrefix,
    });
    this.producer.on(
      'error',
      throttledWarning(runtime.logger, 'notification flow producer error', {}),
    );
  }

  async add(request: NotificationRequest): Promise<JobNode> {
    return addNotificationFlow(this.producer, request, undefined, await this.channels(request));
  }

  /**
   * The SMS of a notification to named users (the owners called to vote), where SMS is in use:
   * a provider configured and a template for the kind (SMS_TEMPLATE_CODES). Otherwise nothing is
   * queued: thousands of owners would only make `skipped` rows.
   */
  async addUserSms(
    request: NotificationRequest,
    userIds: readonly string[],
  ): Promise<JobNode | undefined> {
    if (userIds.length === 0 || this.runtime.config.smsProvider === 'none') return undefined;
    if (this.templates[request.kind] === undefined) return undefined;
    return addUserSmsJob(this.producer, request, userIds);
  }

  private get templates(): Partial<Record<NotificationKind, string>> {
    return parseSmsTemplateCodes(this.runtime.config.smsTemplateCodes, NOTIFICATION_KINDS);
  }

  /** The inbox always; webhooks when the community has any; SMS when a provider is configured. */
  private async channels(request: NotificationRequest): Promise<NotificationChannel[]> {
    const { rows } = await this.pool.query<{ yes: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM webhook_subscriptions
                       WHERE community_id = $1 AND active AND deleted_at IS NULL) AS yes`,
      [request.communityId],
    );
    return [
      'inbox',
      ...(rows[0]?.yes === true ? (['webhook'] as const) : []),
      ...(this.runtime.config.smsProvider === 'none' ? [] : (['sms'] as const)),
    ];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.close().catch(() => undefined);
    this.connection.disconnect();
  }
}
