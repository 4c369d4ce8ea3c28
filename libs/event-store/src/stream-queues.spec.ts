import { StreamQueues } from './stream-queues';

describe('StreamQueues: one command of a stream at a time', () => {
  it('runs the commands of one case in order, one at a time, and other cases alongside', async () => {
    const queues = new StreamQueues();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, ms: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      running -= 1;
      return name;
    };
    const a = [queues.run('a', task('a1', 20)), queues.run('a', task('a2', 1))];
    expect(queues.busy('a')).toBe(true);
    const b = queues.run('b', task('b1', 5));
    expect(await Promise.all([...a, b])).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1')); // b did not wait for a
    expect(most).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(queues.size).toBe(0); // nothing kept once a case's queue is empty
  });

  it('a failed command does not hold up or fail the next one', async () => {
    const queues = new StreamQueues();
    const failed = queues.run('a', () => Promise.reject(new Error('refused')));
    const next = queues.run('a', () => Promise.resolve('ok'));
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ok');
  });
});
