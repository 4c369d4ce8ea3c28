import { type FlowJob } from 'bullmq';
import { PARTIES } from '@yishi/domain';
import { QUEUES, type NotificationRequest } from '@yishi/messaging';
import { buildNotificationFlow, notificationJobId } from './flow';
import { notificationRequestProblems } from './request';

const request: NotificationRequest = {
  sourceEventId: '3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  communityId: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  caseId: '7e6d5c4b-3a2f-4e1d-8c0b-a9f8e7d6c5b4',
  caseTitle: '12号楼2单元下水道反复堵塞',
  kind: 'stage-entered',
  stage: 'analysis',
  parties: [...PARTIES],
  deadline: '2026-03-05T10:00:00Z',
};

/** Every job of the tree with its depth (0: the root). */
function walk(job: FlowJob, depth = 0): { job: FlowJob; depth: number }[] {
  return [{ job, depth }, ...(job.children ?? []).flatMap((c) => walk(c, depth + 1))];
}

describe('the notification flow', () => {
  const flow = buildNotificationFlow(request);
  const jobs = walk(flow);

  it('is a fan-out root, one party job per party, three channel jobs under each', () => {
    expect(flow).toMatchObject({ name: 'fan-out', queueName: QUEUES.notifications });
    expect(flow.children!.map((c) => [c.name, (c.data as { party: string }).party])).toEqual(
      PARTIES.map((p) => ['party', p]),
    );
    for (const party of flow.children!)
      expect(party.children!.map((c) => [c.name, c.queueName])).toEqual([
        ['inbox', QUEUES.notifications],
        ['webhook', QUEUES.notificationWebhooks],
        ['sms', QUEUES.notificationSms],
      ]);
    expect(jobs).toHaveLength(1 + 5 + 15);
  });

  it('with the inbox alone, one inbox-all job for every party, with a deterministic id', () => {
    const inboxOnly = buildNotificationFlow(request, undefined, ['inbox']);
    expect(inboxOnly).toMatchObject({
      name: 'inbox-all',
      queueName: QUEUES.notifications,
      data: request,
      opts: {
        jobId: 'ntf_3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b_stage-entered_inbox',
        attempts: 8,
        removeOnComplete: { age: expect.any(Number) as number },
        removeOnFail: { age: expect.any(Number) as number },
      },
    });
    expect(inboxOnly.children).toBeUndefined();
    expect(walk(buildNotificationFlow(request, undefined, ['inbox']))).toEqual(walk(inboxOnly));
    // Another channel in use: the tree, party level included.
    expect(walk(buildNotificationFlow(request, undefined, ['inbox', 'sms']))).toHaveLength(
      1 + 5 + 10,
    );
  });

  it('every child sets a failure policy, so a failed child never hangs its parent', () => {
    for (const { job, depth } of jobs.filter((j) => j.depth > 0))
      expect([job.name, depth, job.opts?.ignoreDependencyOnFailure]).toEqual([
        job.name,
        depth,
        true,
      ]);
  });

  it('every job has bounded retention, attempts and a backoff', () => {
    for (const { job } of jobs) {
      expect(job.opts?.removeOnComplete).toEqual({
        age: expect.any(Number) as number,
        count: expect.any(Number) as number,
      });
      expect(job.opts?.removeOnFail).toEqual({ age: expect.any(Number) as number });
      expect(job.opts?.attempts).toBeGreaterThan(1);
      expect(job.opts?.backoff).toBeDefined();
    }
    const webhook = jobs.find((j) => j.job.name === 'webhook')!.job;
    expect(webhook.opts?.backoff).toEqual({ type: 'full-jitter' });
  });

  it('job ids are deterministic, unique, free of ":" and never all digits', () => {
    const ids = jobs.map((j) => j.job.opts?.jobId);
    expect(walk(buildNotificationFlow(request)).map((j) => j.job.opts?.jobId)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(typeof id).toBe('string');
      expect(id).not.toContain(':');
      expect(id).not.toMatch(/^\d+$/);
    }
    expect(notificationJobId(request, 'owners-committee', 'webhook')).toBe(
      'ntf_3f2a1c4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b_stage-entered_owners-committee_webhook',
    );
  });

  it('another kind or event gives other ids', () => {
    const other = buildNotificationFlow({ ...request, kind: 'acknowledgement-reminder' });
    expect(other.opts?.jobId).not.toBe(flow.opts?.jobId);
    const again = buildNotificationFlow({
      ...request,
      sourceEventId: 'aaaaaaaa-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
    });
    expect(again.opts?.jobId).not.toBe(flow.opts?.jobId);
  });

  it('jobs carry the request and the party, nothing else', () => {
    const inbox = flow.children![1]!.children![0]!;
    expect(inbox.data).toEqual({ request, party: 'owners-committee' });
  });

  it('refuses a bad request before anything is queued', () => {
    expect(() => buildNotificationFlow({ ...request, sourceEventId: '42' })).toThrow(
      'sourceEventId must be a UUID',
    );
    expect(() => buildNotificationFlow({ ...request, parties: [] })).toThrow('at least one party');
    expect(notificationRequestProblems({ ...request, stage: undefined })).toEqual([
      'stage-entered needs a stage',
    ]);
    expect(
      notificationRequestProblems({
        ...request,
        kind: 'task-assigned',
        parties: ['property-company', 'property-company'],
      }),
    ).toEqual(['parties holds a party twice', 'task-assigned needs a subject']);
    expect(
      notificationRequestProblems({ ...request, parties: ['street' as never], deadline: 'soon' }),
    ).toEqual(['parties holds an unknown party', 'deadline must be an ISO 8601 instant']);
  });
});
