/**
 * The source task's pause when there is nothing to read: up to a timeout, ended early by wake()
 * (stop, or data arriving on a stream) so a pending poll() never holds up shutdown. A wake with
 * no one waiting ends the next wait at once, so data that arrives between a read and the wait is
 * not slept through.
 */
export class IdleWait {
  #wake: (() => void) | null = null;
  #woken = false;

  wait(ms: number): Promise<void> {
    if (this.#woken) {
      this.#woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  wake(): void {
    if (this.#wake !== null) this.#wake();
    else this.#woken = true;
  }
}
