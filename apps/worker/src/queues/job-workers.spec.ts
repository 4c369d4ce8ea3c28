import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventReactions, JobDiscoveryModule, OnJob, QUEUES } from '@yishi/messaging';
import { LOGGER, METRICS, RUNTIME } from '@yishi/platform';
import { JobWorkers } from './job-workers';

@Injectable()
class OnlyAdvance {
  @OnJob({ name: 'advance', queue: QUEUES.caseAdvance })
  advance(): Promise<unknown> {
    return Promise.resolve();
  }
}

@Injectable()
class AdvanceAgain {
  @OnJob({ name: 'advance', queue: QUEUES.caseAdvance })
  advance(): Promise<unknown> {
    return Promise.resolve();
  }
}

/** The worker's module, its Redis never reached: the check runs at init, before any worker. */
async function start(...providers: (typeof OnlyAdvance)[]): Promise<unknown> {
  const module = await Test.createTestingModule({
    imports: [JobDiscoveryModule],
    providers: [
      JobWorkers,
      EventReactions,
      ...providers,
      { provide: RUNTIME, useValue: {} },
      { provide: LOGGER, useValue: {} },
      { provide: METRICS, useValue: {} },
    ],
  }).compile();
  try {
    await module.init();
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await module.close().catch(() => undefined);
  }
}

describe('JobWorkers: start-up fails on declared jobs that do not add up', () => {
  it('a job name of queues.ts with no handler', async () => {
    const error = await start(OnlyAdvance);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^declared jobs do not add up:\n/);
    expect((error as Error).message).toContain(
      '- job "reconcile" (case-deadlines) has no @OnJob handler',
    );
    expect((error as Error).message).not.toContain('job "advance"');
  });

  it('two handlers for one job', async () => {
    const error = await start(OnlyAdvance, AdvanceAgain);
    expect((error as Error).message).toContain(
      '- job "advance" has 2 handlers: OnlyAdvance.advance, AdvanceAgain.advance',
    );
  });
});
