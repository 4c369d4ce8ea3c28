import { type FlowProducer, Queue, QueueEvents, Worker } from 'bullmq';
import { PARTIES, type Party } from '@yishi/domain';
import { QUEUES } from '@yishi/messaging';
import { type TestDatabase } from '../../../test/support/database';
import { addNotificationFlow, deliverToInbox, listInbox, notificationJobId } from './index';
import { useNotificationFlow } from './notification-flow.fixtures';

/**
 * The fan-out flow end to end on real PostgreSQL and Redis (a BullMQ prefix of its own), with
 * local HTTP servers standing in for a webhook receiver and Alibaba Cloud's SMS API.
 */

describe('notification fan-out (real PostgreSQL and Redis)', () => {
  const flow = useNotificationFlow('notifications');
  const { prefix, connection, community, member, request, runFlow, inboxRows } = flow;
  let db: TestDatabase;
  let flows: FlowProducer;
  let queueEvents: QueueEvents;
  let retryQueue: Queue;
  beforeAll(() => {
    ({ db, flows, queueEvents, retryQueue } = flow);
  });

  describe('inbox', () => {
    let c: string;
    const byParty = new Map<Party, string[]>();
    let secretary: string;
    let officer: string;

    beforeAll(async () => {
      c = await community('收件社区');
      for (const party of PARTIES)
        byParty.set(party, [
          await member(c, ['party-member'], party),
          await member(c, ['party-member', 'resident'], party),
        ]);
      secretary = await member(c, ['secretary'], 'party-organisation');
      officer = await member(c, ['street-officer'], null);
      await member(c, ['resident'], null);
    });

    it('one row per member of each party, the secretary with the party organisation, in Chinese', async () => {
      const r = request(c);
      const summary = await runFlow(r);
      expect(summary).toMatchObject({ sourceEventId: r.sourceEventId, parties: 5, failed: [] });
      const rows = await inboxRows(r.sourceEventId);
      const expected = [...byParty.entries()].flatMap(([party, ids]) =>
        ids.map((id) => ({ id, party })),
      );
      expected.push({ id: secretary, party: 'party-organisation' });
      expect(
        rows
          .map((row) => ({ id: row.recipient_id, party: row.party }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect(rows.map((row) => row.recipient_id)).not.toContain(officer);
      expect(rows[0]!.body).toBe(
        '【议事】案件《12号楼2单元下水道反复堵塞》进入「分析研判」阶段，请于2026年3月5日 18:00前签收。',
      );
    });

    it('the inbox alone: one inbox-all job writes the same rows as the tree, each party its text, once', async () => {
      // A community of its own: the tests below count the rows of `c`.
      const own = await community('单通道社区');
      for (const party of PARTIES) await member(own, ['party-member'], party);
      await member(own, ['secretary'], 'party-organisation');
      await member(own, ['street-officer'], null);
      const tree = request(own);
      await runFlow(tree);
      const single = request(own);
      const run = async (): Promise<unknown> =>
        (await addNotificationFlow(flows, single, undefined, ['inbox'])).job.waitUntilFinished(
          queueEvents,
          20_000,
        ) as Promise<unknown>;
      expect(await run()).toEqual({ inserted: 6 });
      const strip = (rows: Awaited<ReturnType<typeof inboxRows>>) =>
        rows.map(({ recipient_id, party, title, body }) => ({ recipient_id, party, title, body }));
      const rows = await inboxRows(single.sourceEventId);
      expect(strip(rows)).toEqual(strip(await inboxRows(tree.sourceEventId)));
      // Added again (same job id, kept): nothing; its job gone: it runs, the unique key holds.
      await run();
      const notifications = new Queue(QUEUES.notifications, {
        connection: connection('producer'),
        prefix,
      });
      await notifications.remove(notificationJobId(single, undefined, 'inbox'));
      await notifications.close();
      expect(await run()).toEqual({ inserted: 0 });
      expect(await inboxRows(single.sourceEventId)).toEqual(rows);
    });

    it('exactly once when the same flow is added twice, and again after its jobs are gone', async () => {
      const r = request(c);
      await runFlow(r);
      const first = await inboxRows(r.sourceEventId);
      expect(first).toHaveLength(11);
      // Same job ids: BullMQ keeps the completed jobs and ignores the second add.
      await runFlow(r);
      expect(await inboxRows(r.sourceEventId)).toEqual(first);
      // Jobs removed (retention over, or Redis emptied): the flow runs again, the unique key holds.
      const notifications = new Queue(QUEUES.notifications, {
        connection: connection('producer'),
        prefix,
      });
      await notifications.remove(notificationJobId(r), { removeChildren: true });
      await notifications.close();
      await runFlow(r);
      expect(await inboxRows(r.sourceEventId)).toEqual(first);
    });

    it('exactly once when a job is retried after its insert committed (a crash before ack)', async () => {
      const r = request(c);
      let runs = 0;
      const worker = new Worker(
        'inbox-retry-test',
        async () => {
          runs++;
          const result = await deliverToInbox(db.pool, r, 'property-company');
          // The first run "dies" after the commit, as a worker killed mid-job would.
          if (runs === 1) throw new Error('crash after commit');
          return result;
        },
        { connection: connection('worker'), prefix },
      );
      const events = new QueueEvents('inbox-retry-test', {
        connection: connection('worker'),
        prefix,
      });
      await events.waitUntilReady();
      try {
        const job = await retryQueue.add(
          'inbox',
          {},
          { attempts: 3, backoff: { type: 'fixed', delay: 10 } },
        );
        await expect(job.waitUntilFinished(events, 10_000)).resolves.toEqual({ inserted: 0 });
        expect(runs).toBe(2);
        expect(await inboxRows(r.sourceEventId)).toHaveLength(2);
      } finally {
        await worker.close();
        await events.close();
      }
    });

    it('escalations go to the street officers', async () => {
      const r = request(c, { kind: 'escalated', parties: ['property-company'] });
      await runFlow(r);
      const rows = await inboxRows(r.sourceEventId);
      expect(rows.map((row) => row.recipient_id)).toEqual([officer]);
      expect(rows[0]!.title).toBe('吹哨报到：物业服务企业未按时签收');
    });

    it('lists newest first, filters unread, pages', async () => {
      const me = byParty.get('owners-committee')![0]!;
      const all = await listInbox(db.pool, me, { limit: 50, offset: 0 });
      expect(all.total).toBe(2);
      const page = await listInbox(db.pool, me, { limit: 1, offset: 1 });
      expect(page).toEqual({ items: [all.items[1]], total: 2 });
      expect(Date.parse(all.items[0]!.createdAt)).toBeGreaterThanOrEqual(
        Date.parse(all.items[1]!.createdAt),
      );
      await db.pool.query(`UPDATE notifications SET read_at = now() WHERE id = $1`, [
        all.items[0]!.id,
      ]);
      expect(await listInbox(db.pool, me, { unread: true, limit: 50, offset: 0 })).toEqual({
        items: [all.items[1]],
        total: 1,
      });
    });
  });
});
