import { randomUUID } from 'node:crypto';
import { type Job, type Queue } from 'bullmq';
import { type Pool } from 'pg';
import { projectionCheckpointName } from '@yishi/projections';
import { caseViewsProjection, type ReconcileReport } from '@yishi/cases';
import { until } from './wait';

/**
 * Runs the reconciler once, as its scheduler would (a `reconcile` job on the case-deadlines
 * queue), waits for it, and returns what it repaired; a failed run fails the test. It first waits
 * for the case-views read model to hold every committed event: the reconciler finds the open cases
 * and their state there, and a projection pauses between batches (PROJECTION_PAUSE_MS).
 */
export async function reconcileOnce(deadlines: Queue, db: Pool): Promise<ReconcileReport> {
  await until(
    async () => {
      const { rows } = await db.query<{ behind: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM events e, subscription_checkpoints c
                         WHERE c.name = $1
                           AND (e.transaction_id, e.global_position) > (c.transaction_id, c.global_position)
                       ) AS behind`,
        [projectionCheckpointName(caseViewsProjection)],
      );
      return rows[0]?.behind === false;
    },
    15_000,
    'the case views to catch up',
  );
  const job = await deadlines.add('reconcile', {}, { jobId: `reconcile_test_${randomUUID()}` });
  let done: Job | undefined;
  await until(
    async () => (done = await deadlines.getJob(job.id!))?.finishedOn !== undefined,
    20_000,
    'the reconciler run',
  );
  if (done?.failedReason !== undefined) throw new Error(`reconciler: ${done.failedReason}`);
  return done!.returnvalue as ReconcileReport;
}
