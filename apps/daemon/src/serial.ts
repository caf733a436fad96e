/**
 * Runs changes to the system one at a time, in the order asked. Reads do not
 * queue. `pending` lets the daemon answer Busy instead of queueing without end.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  get pending(): number {
    return this.waiting;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    this.waiting++;
    const result = this.tail.then(work, work);
    this.tail = result.then(
      () => this.waiting--,
      () => this.waiting--,
    );
    return result;
  }
}
