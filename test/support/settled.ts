import { type Pool } from 'pg';
import { QUEUES } from '@yishi/messaging';
import { readCheckpoint } from '@yishi/event-store';
import { QueueRegistry } from '@yishi/platform';
import { type TestPlatform } from './platform';
import { until } from './wait';

/**
 * Waits until the platform has worked off every event written so far: the relay has handed all of
 * them to the queue, and the reactions and notification fan-out have no job waiting or running
 * (delayed timers, days ahead, do not count). First start's demo seeds many events; a test that
 * counts its own notifications waits for this before clearing the demo's.
 */
export async function untilSettled(platform: TestPlatform, pool: Pool, timeoutMs = 30_000) {
  const queues = platform.app.get(QueueRegistry);
  const busy = ['waiting', 'active', 'prioritized', 'waiting-children'] as const;
  await until(
    async () => {
      const { rows } = await pool.query<{ last: string | null }>(
        `SELECT max(global_position) AS last FROM events`,
      );
      const relayed = (await readCheckpoint(pool, 'relay'))?.position ?? 0;
      if (relayed < Number(rows[0]?.last ?? 0)) return false;
      for (const name of [QUEUES.domainEvents, QUEUES.caseAdvance, QUEUES.notifications]) {
        const counts = await queues.get(name).getJobCounts(...busy);
        if (busy.some((state) => (counts[state] ?? 0) > 0)) return false;
      }
      return true;
    },
    timeoutMs,
    'the platform to work off every event',
  );
}
