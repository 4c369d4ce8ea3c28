import { randomUUID } from 'node:crypto';
import { type Job, type Queue } from 'bullmq';
import { type ReconcileReport } from '../../apps/worker/src/cases/case-deadlines.service';
import { until } from './wait';

/**
 * Runs the reconciler once, as its scheduler would (a `reconcile` job on the case-deadlines
 * queue), waits for it, and returns what it repaired; a failed run fails the test.
 */
export async function reconcileOnce(deadlines: Queue): Promise<ReconcileReport> {
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
