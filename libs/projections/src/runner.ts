import { type Client } from 'pg';
import {
  loadCheckpoint,
  saveCheckpoint,
  Subscription,
  type Checkpoint,
  type RecordedEvent,
  type SubscriptionOptions,
} from '@yishi/event-store';
import { type Metrics } from '@yishi/observability';
import {
  liveTableNames,
  projectionCheckpointName,
  relevantEvents,
  type Projection,
  type TableNames,
} from './projection';
import { withTransaction } from './transaction';

export interface ProjectionRunnerOptions extends Omit<SubscriptionOptions, 'name'> {
  readonly projection: Projection;
  readonly metrics?: Metrics;
}

export function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return a.transactionId === b.transactionId && a.position === b.position;
}

/**
 * Keeps one projection's read model current. Each batch is one transaction on the leader's session:
 * lock the checkpoint row, write the read model, move the checkpoint, commit. So the read model and
 * its checkpoint never disagree, and a rebuild (which takes the same row lock to swap tables) can
 * never interleave with a batch.
 */
export class ProjectionRunner extends Subscription {
  private readonly projection: Projection;
  private readonly tables: TableNames;

  constructor(private readonly runner: ProjectionRunnerOptions) {
    super({ ...runner, name: projectionCheckpointName(runner.projection) });
    this.projection = runner.projection;
    this.tables = liveTableNames(runner.projection);
  }

  /** Creates the live tables if missing, once per leadership; the row lock orders it after a swap. */
  protected override async prepare(client: Client): Promise<void> {
    await withTransaction(client, async () => {
      await loadCheckpoint(client, this.options.name, true);
      await this.projection.createTables(client, this.tables);
    });
  }

  protected async handle(
    client: Client,
    events: RecordedEvent[],
    next: Checkpoint,
    previous: Checkpoint,
  ): Promise<void> {
    const { name, log } = this.options;
    const relevant = relevantEvents(this.projection, events);
    await client.query('BEGIN');
    try {
      const stored = await loadCheckpoint(client, name, true);
      if (!sameCheckpoint(stored, previous)) {
        // A rebuild swapped the tables and moved the checkpoint since this batch was read.
        await client.query('ROLLBACK');
        log.info(
          { subscription: name, stored, readAfter: previous },
          'checkpoint moved; reloading',
        );
        this.resetCheckpoint();
        return;
      }
      if (relevant.length > 0) await this.projection.apply(client, relevant, this.tables);
      await saveCheckpoint(client, name, next);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    if (relevant.length > 0) {
      this.runner.metrics?.projectionEvents.inc(
        { projection: this.projection.name },
        relevant.length,
      );
    }
  }
}
