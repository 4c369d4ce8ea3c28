import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import { type Redis } from 'ioredis';
import { type Pool } from 'pg';
import {
  createRedisConnection,
  GRID_ROBOT_MESSAGE_KINDS,
  QUEUES,
  type DemandRobotFacts,
  type GridRobotJobData,
  type GridRobotMessageKind,
} from '@yishi/messaging';
import { throttledWarning } from '@yishi/observability';
import { PG_POOL, RUNTIME, type Runtime } from '@yishi/platform';
import { DEFAULT_NOTIFICATION_FLOW_OPTIONS } from '../flow';
import { isUuid } from '../request';
import { FULL_JITTER } from '../retry';

/** What the demands ledger hands over: the message's kind, its event, the demand's facts. */
export interface GridRobotMessage {
  /** The ledger event the message is about (a UUID): with the kind, it keys the job and the row. */
  readonly sourceEventId: string;
  readonly kind: GridRobotMessageKind;
  readonly demand: DemandRobotFacts;
}

/**
 * `queued`: the job is on the queue (or was already); `no-robot`: the grid has none, nothing is
 * sent; `not-queued`: the message could not be queued (Redis or PostgreSQL unreachable, or a
 * malformed message), already logged. The ledger carries on in every case.
 */
export type GridRobotPost = 'queued' | 'no-robot' | 'not-queued';

/** Deterministic: a replayed reaction adds nothing (`_`-joined, never `:`). */
export const gridRobotJobId = (
  gridId: string,
  m: Pick<GridRobotMessage, 'sourceEventId' | 'kind'>,
) => ['robot', m.sourceEventId, m.kind, gridId].join('_');

/**
 * How long queueing may take. BullMQ waits for its connection to be ready, which while Redis is
 * down is for ever; the ledger is not kept waiting (the job may still be added once Redis is back:
 * its id makes that harmless).
 */
export const GRID_ROBOT_ENQUEUE_TIMEOUT_MS = 3_000;

/** The webhooks' retry policy: 12 attempts with full jitter between 5 s and 1 h. */
export const GRID_ROBOT_JOB_OPTIONS: JobsOptions = {
  attempts: DEFAULT_NOTIFICATION_FLOW_OPTIONS.webhookAttempts,
  backoff: { type: FULL_JITTER },
  removeOnComplete: DEFAULT_NOTIFICATION_FLOW_OPTIONS.keepCompleted,
  removeOnFail: { age: DEFAULT_NOTIFICATION_FLOW_OPTIONS.keepFailedSeconds },
};

/**
 * The ledger's way to a grid's group chat (一网格一微信群): `postToGridRobot` queues one message for
 * the `grid-robot` job on the webhooks' queue, which renders it, posts it with retries and keeps
 * its row (robot-delivery.ts). It never throws: a robot, however broken, never blocks the ledger.
 * Its producer connection fails fast while Redis is down (`not-queued`) rather than waiting.
 */
@Injectable()
export class GridRobots implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queue: Queue;

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {
    this.connection = createRedisConnection(
      runtime.redisUrl,
      'producer',
      'yishi-grid-robots',
      runtime.logger,
    );
    this.queue = new Queue(QUEUES.notificationWebhooks, {
      connection: this.connection,
      prefix: runtime.config.queuePrefix,
    });
    this.queue.on('error', throttledWarning(runtime.logger, 'grid robot queue error', {}));
  }

  async postToGridRobot(gridId: string, message: GridRobotMessage): Promise<GridRobotPost> {
    const where = { gridId, kind: message.kind, sourceEventId: message.sourceEventId };
    try {
      if (!isUuid(gridId) || !isUuid(message.sourceEventId))
        throw new Error('gridId and sourceEventId must be UUIDs');
      if (!GRID_ROBOT_MESSAGE_KINDS.includes(message.kind))
        throw new Error(`unknown robot message kind ${String(message.kind)}`);
      const { rows } = await this.pool.query<{ yes: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM grid_robots WHERE grid_id = $1) AS yes`,
        [gridId],
      );
      if (rows[0]?.yes !== true) return 'no-robot';
      const data: GridRobotJobData = { gridId, ...message };
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`Redis did not take the job in ${GRID_ROBOT_ENQUEUE_TIMEOUT_MS} ms`)),
          GRID_ROBOT_ENQUEUE_TIMEOUT_MS,
        );
      });
      const added = this.queue.add('grid-robot', data, {
        ...GRID_ROBOT_JOB_OPTIONS,
        jobId: gridRobotJobId(gridId, message),
      });
      // A late failure of the abandoned add is already reported by this call.
      added.catch(() => undefined);
      try {
        await Promise.race([added, timedOut]);
      } finally {
        clearTimeout(timer);
      }
      return 'queued';
    } catch (error) {
      // Only ids and the error: the robot's URL and secret are never read here.
      this.runtime.logger.warn(
        { ...where, err: error instanceof Error ? error.message : String(error) },
        'grid robot message not queued',
      );
      return 'not-queued';
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

/** Provides GridRobots to the demands ledger, in the API or the worker. */
@Module({ providers: [GridRobots], exports: [GridRobots] })
export class GridRobotsModule {}
