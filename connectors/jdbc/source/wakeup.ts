/**
 * A sleep that wake() ends early, for every current sleeper. Callers check their condition (stop
 * flag, data) right before waiting; JS runs that check and the start of the wait without a gap.
 */
export class Wakeup {
  #waiters = new Set<() => void>();

  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  wake(): void {
    for (const done of [...this.#waiters]) done();
  }
}
