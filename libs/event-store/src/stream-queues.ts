/**
 * The commands of each stream, one at a time in this process: a stream's next command starts when
 * the one before it has appended (or failed). Commands that do not depend on each other (a case's
 * opinions, demands, evaluations of different units) then never conflict in this process, and each
 * is still decided on the stream as it is and appended with the exact expected version
 * (docs/workflow.md, "Many writers on one case"). Other streams run side by side. Used by the
 * case and demand repositories.
 */
export class StreamQueues {
  private readonly tails = new Map<string, Promise<void>>();

  /** Whether a command of the stream is running or waiting now. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    const result = before === undefined ? task() : before.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}
