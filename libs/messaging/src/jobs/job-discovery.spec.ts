import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { type Job } from 'bullmq';
import { JOB_QUEUES, QUEUES, type JobName } from '../queues';
import { OnEvent, OnJob } from './decorators';
import { type ReactionScope } from './event-reactions';
import {
  eventReactions,
  JobDiscovery,
  JobDiscoveryModule,
  jobHandlers,
  type DeclaredJob,
} from './job-discovery';

const handle = () => Promise.resolve(undefined);
const declared = (name: JobName, where = `P.${name}`): DeclaredJob => ({
  name,
  queue: JOB_QUEUES[name],
  where,
  handle,
});
const every = (): DeclaredJob[] => (Object.keys(JOB_QUEUES) as JobName[]).map((n) => declared(n));

describe('jobHandlers: one handler for every job name, checked at start', () => {
  it('groups the handlers by queue', () => {
    const handlers = jobHandlers(every());
    expect([...handlers.keys()].sort()).toEqual([...new Set(Object.values(QUEUES))].sort());
    expect([...(handlers.get(QUEUES.caseDeadlines)?.keys() ?? [])].sort()).toEqual([
      'deadline',
      'deadlines',
      'reconcile',
    ]);
  });

  it('fails on a job name with no handler, naming it and its queue', () => {
    const jobs = every().filter((j) => j.name !== 'reconcile' && j.name !== 'sms-users');
    expect(() => jobHandlers(jobs)).toThrow(
      'declared jobs do not add up:\n' +
        '- job "reconcile" (case-deadlines) has no @OnJob handler\n' +
        '- job "sms-users" (notification-sms) has no @OnJob handler',
    );
  });

  it('fails on two handlers for one job, naming both', () => {
    const jobs = [...every(), declared('advance', 'Other.advance')];
    expect(() => jobHandlers(jobs)).toThrow(
      'job "advance" has 2 handlers: P.advance, Other.advance',
    );
  });

  it('fails on a handler on the wrong queue, or for a name queues.ts does not declare', () => {
    const jobs = [
      ...every().filter((j) => j.name !== 'advance'),
      { ...declared('advance'), queue: QUEUES.caseTimers },
      { ...declared('advance'), name: 'advanse' as JobName, where: 'P.typo' },
    ];
    expect(() => jobHandlers(jobs)).toThrow(
      /P\.advance handles "advance" on case-timers; it runs on case-advance\n- P\.typo handles "advanse", a job name queues\.ts does not declare/,
    );
  });
});

describe('eventReactions', () => {
  const react = () => Promise.resolve();
  it('keeps the order of declaration per type', () => {
    const byType = eventReactions([
      { type: 'StageEntered', where: 'A.x', react },
      { type: 'CaseClosed', where: 'A.y', react },
      { type: 'StageEntered', where: 'B.x', react },
    ]);
    expect(byType.get('StageEntered')?.map((r) => r.where)).toEqual(['A.x', 'B.x']);
  });

  it('fails on one method declaring one type twice', () => {
    expect(() =>
      eventReactions([
        { type: 'StageEntered', where: 'A.x', react },
        { type: 'StageEntered', where: 'A.x', react },
      ]),
    ).toThrow('A.x reacts to StageEntered twice');
  });

  it('fails on a reaction to an event the relay keeps off the queues: it would never run', () => {
    expect(() => eventReactions([{ type: 'BallotCast', where: 'A.x', react }])).toThrow(
      'A.x reacts to "BallotCast", which the relay does not route',
    );
  });
});

@Injectable()
class AdvanceJobs {
  readonly seen: string[] = [];

  @OnJob({ name: 'advance', queue: QUEUES.caseAdvance })
  advance(job: Job): Promise<unknown> {
    this.seen.push(String(job.id));
    return Promise.resolve('advanced');
  }

  @OnEvent('StageEntered')
  @OnEvent('TaskAssigned', 'TaskReassigned')
  entered(_event: unknown, _scope: ReactionScope): Promise<void> {
    return Promise.resolve();
  }

  notDeclared(): void {}
}

@Injectable()
class MoreAdvanceJobs {
  @OnJob({ name: 'advance', queue: QUEUES.caseAdvance })
  advance(): Promise<unknown> {
    return Promise.resolve();
  }
}

describe('JobDiscovery: the decorated methods of the providers', () => {
  it('finds @OnJob and @OnEvent methods, bound to their instance', async () => {
    const module = await Test.createTestingModule({
      imports: [JobDiscoveryModule],
      providers: [AdvanceJobs],
    }).compile();
    const discovery = module.get(JobDiscovery);
    const jobs = discovery.jobs();
    expect(jobs.map((j) => [j.name, j.queue, j.where])).toEqual([
      ['advance', QUEUES.caseAdvance, 'AdvanceJobs.advance'],
    ]);
    expect(await jobs[0]!.handle({ id: 'j1' } as Job)).toBe('advanced');
    expect(module.get(AdvanceJobs).seen).toEqual(['j1']);
    expect(discovery.reactions().map((r) => [r.type, r.where])).toEqual([
      ['TaskAssigned', 'AdvanceJobs.entered'],
      ['TaskReassigned', 'AdvanceJobs.entered'],
      ['StageEntered', 'AdvanceJobs.entered'],
    ]);
  });

  it('two providers handling one job: the check names both', async () => {
    const module = await Test.createTestingModule({
      imports: [JobDiscoveryModule],
      providers: [AdvanceJobs, MoreAdvanceJobs],
    }).compile();
    expect(() => jobHandlers(module.get(JobDiscovery).jobs())).toThrow(
      'job "advance" has 2 handlers: AdvanceJobs.advance, MoreAdvanceJobs.advance',
    );
  });
});
