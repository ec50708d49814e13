/**
 * Wakes long-polling Fetch requests when data arrives on a partition they wait for, instead of
 * having them poll the log.
 */
interface Waiter {
  keys: string[];
  wake: () => void;
}

export class AppendNotifier {
  private readonly waiters = new Map<string, Set<Waiter>>();

  /** Resolves on the first append to any of `keys`, or after `timeoutMs`. */
  waitForAppend(keys: string[], timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        keys,
        wake: () => {
          clearTimeout(timer);
          this.remove(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, Math.max(0, timeoutMs));
      for (const k of keys) {
        let set = this.waiters.get(k);
        if (set === undefined) {
          set = new Set();
          this.waiters.set(k, set);
        }
        set.add(waiter);
      }
    });
  }

  notify(key: string): void {
    const set = this.waiters.get(key);
    if (set === undefined) return;
    for (const w of [...set]) w.wake();
  }

  /** Releases every waiter (shutdown). */
  wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const w of [...set]) w.wake();
  }

  private remove(waiter: Waiter): void {
    for (const k of waiter.keys) {
      const set = this.waiters.get(k);
      if (set === undefined) continue;
      set.delete(waiter);
      if (set.size === 0) this.waiters.delete(k);
    }
  }
}
