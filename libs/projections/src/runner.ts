import { type Client } from 'pg';
import {
  loadCheckpoint,
  moveCheckpoint,
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

/**
 * Keeps one projection's read model current. Each batch is one transaction on the leader's session:
 * move the checkpoint (only from where this batch was read; that locks its row), write the read
 * model, commit; a batch with nothing for this projection is the move alone. So the read model and
 * its checkpoint never disagree, and a rebuild (which takes the same row lock to swap tables) can
 * never interleave with a batch.
 */
export class ProjectionRunner extends Subscription {
  private readonly projection: Projection;
  private readonly tables: TableNames;

  constructor(private readonly runner: ProjectionRunnerOptions) {
    super({
      ...runner,
      name: projectionCheckpointName(runner.projection),
      // Events of other types never reach `apply`: read as positions only.
      ...(runner.projection.eventTypes === undefined
        ? {}
        : { filter: { only: runner.projection.eventTypes } }),
    });
    this.projection = runner.projection;
    this.tables = liveTableNames(runner.projection);
  }

  /**
   * Creates the live tables if missing and fills what an added table lacks, once per leadership;
   * the row lock orders it after a swap and before any batch.
   */
  protected override async prepare(client: Client): Promise<void> {
    const filled = await withTransaction(client, async () => {
      await loadCheckpoint(client, this.options.name, true);
      await this.projection.createTables(client, this.tables);
      return (await this.projection.upgrade?.(client, this.tables)) ?? 0;
    });
    if (filled > 0)
      this.options.log.info(
        { subscription: this.options.name, rows: filled },
        'filled rows missing from an added table',
      );
  }

  protected async handle(
    client: Client,
    events: RecordedEvent[],
    next: Checkpoint,
    previous: Checkpoint,
  ): Promise<void> {
    const { name, log } = this.options;
    const relevant = relevantEvents(this.projection, events);
    const moved = () => {
      // A rebuild swapped the tables and moved the checkpoint since this batch was read.
      log.info({ subscription: name, readAfter: previous }, 'checkpoint moved; reloading');
      this.resetCheckpoint();
    };
    if (relevant.length === 0) {
      // Nothing to write: moving the checkpoint is the whole batch, one statement.
      if (!(await moveCheckpoint(client, name, previous, next))) moved();
      return;
    }
    await client.query('BEGIN');
    try {
      // Moved first: the row stays locked until the commit, so a rebuild waits for this batch.
      if (!(await moveCheckpoint(client, name, previous, next))) {
        await client.query('ROLLBACK');
        moved();
        return;
      }
      await this.projection.apply(client, relevant, this.tables);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.runner.metrics?.projectionEvents.inc(
      { projection: this.projection.name },
      relevant.length,
    );
  }
}
